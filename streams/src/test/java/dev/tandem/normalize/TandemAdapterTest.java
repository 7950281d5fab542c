package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tandem's own canonical update, read strictly. */
class TandemAdapterTest {

  private static final String META_FIRST =
      "scenarios/seed-2024-12-11-meta-then-openai/00-meta.tandem.json";

  private final TandemAdapter adapter = new TandemAdapter();

  @Test
  void readsMetasFirstUpdateAsPublished() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("meta", META_FIRST, "https://transparency.meta.com/"));

    assertThat(updates)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getProvider()).isEqualTo("meta");
              assertThat(update.getIncidentId()).isEqualTo("meta-2024-12-11");
              assertThat(update.getUpdateId()).isEqualTo("c5faf081249e");
              assertThat(update.getTitle())
                  .isEqualTo(
                      "Technical issue impacting access to Facebook, Instagram, WhatsApp, Messenger, Threads");
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
              assertThat(update.getImpact()).isEqualTo(Impact.MAJOR);
              assertThat(update.getComponents())
                  .hasSize(5)
                  .allSatisfy(
                      component -> {
                        assertThat(component.getId()).isNull();
                        assertThat(component.getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
                      });
              assertThat(update.getComponents())
                  .extracting(AffectedComponent::getName)
                  .containsExactly("Facebook", "Instagram", "WhatsApp", "Messenger", "Threads");
              assertThat(update.getBody())
                  .isEqualTo("Outage begins ~12:40 PM ET; Meta acknowledges on X shortly after");
              assertThat(update.getStartedAt()).isEqualTo(Instant.parse("2024-12-11T17:40:00Z"));
              assertThat(update.getUpdatedAt()).isEqualTo(Instant.parse("2024-12-11T17:40:00Z"));
              assertThat(update.getSource()).isEqualTo("https://transparency.meta.com/");
              assertThat(update.getFormat()).isEqualTo("tandem");
            });
  }

  @Test
  void readsEveryMetaLineOfItsScenario() {
    List<IncidentStatus> statuses =
        Fixtures.scenarioPayloads().stream()
            .filter(
                path ->
                    path.contains("meta-then-openai") && Fixtures.formatOf(path).equals("tandem"))
            .map(path -> updatesOf(Fixtures.raw("meta", path)))
            .peek(updates -> assertThat(updates).hasSize(1))
            .map(updates -> updates.get(0).getStatus())
            .toList();

    assertThat(statuses)
        .containsExactly(
            IncidentStatus.INVESTIGATING, IncidentStatus.MONITORING, IncidentStatus.RESOLVED);
  }

  @Test
  void refusesAPayloadWhoseProviderDisagreesWithTheRecordKey() {
    assertThat(reasonFor(Fixtures.raw("openai", META_FIRST)))
        .isEqualTo(
            "payload says provider 'meta' but the record key is 'openai' (tandem update 'c5faf081249e')");
  }

  @Test
  void takesTheProviderFromTheRecordKeyWhenThePayloadNamesNone() {
    assertThat(updatesOf(Fixtures.raw("meta", "tandem/meta-without-provider.json")))
        .singleElement()
        .satisfies(update -> assertThat(update.getProvider()).isEqualTo("meta"));
  }

  @Test
  void takesTheProviderFromThePayloadWhenTheRecordHasNoKey() {
    assertThat(updatesOf(Fixtures.raw(null, META_FIRST)))
        .singleElement()
        .satisfies(update -> assertThat(update.getProvider()).isEqualTo("meta"));
  }

  @Test
  void refusesAnUpdateThatNamesNoProviderAnywhere() {
    assertThat(reasonFor(Fixtures.raw(null, "tandem/meta-without-provider.json")))
        .isEqualTo(
            "tandem update 'c5faf081249e' has no 'provider' and the record has no key: one of them must name the provider");
  }

  @Test
  void acceptsLowerCaseEnumNames() {
    assertThat(updatesOf(Fixtures.raw("meta", "tandem/meta-lower-case-enums.json")))
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
              assertThat(update.getImpact()).isEqualTo(Impact.MAJOR);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"partial_outage", "PARTIAL_OUTAGE", "Partial Outage"})
  void acceptsComponentStatusesInEitherSpelling(String spelling) {
    String payload =
        Fixtures.text(META_FIRST).replace("\"partial_outage\"", "\"" + spelling + "\"");

    assertThat(updatesOf(Fixtures.raw("meta", payload.getBytes(StandardCharsets.UTF_8))))
        .singleElement()
        .satisfies(
            update ->
                assertThat(update.getComponents())
                    .allSatisfy(
                        component ->
                            assertThat(component.getStatus())
                                .isEqualTo(ComponentStatus.PARTIAL_OUTAGE)));
  }

  @Test
  void refusesAnUnknownStatusListingTheAllowedOnes() {
    assertThat(reasonFor(Fixtures.raw("meta", "tandem/meta-unknown-status.json")))
        .isEqualTo(
            "tandem update 'c5faf081249e' has unknown status 'FIXING'; allowed: INVESTIGATING, IDENTIFIED, MONITORING, "
                + "RESOLVED, POSTMORTEM, SCHEDULED, IN_PROGRESS, VERIFYING, COMPLETED, UNKNOWN");
  }

  @Test
  void refusesAnUnknownImpactListingTheAllowedOnes() {
    String payload =
        Fixtures.text(META_FIRST).replace("\"impact\":\"MAJOR\"", "\"impact\":\"SEVERE\"");

    assertThat(reasonFor(Fixtures.raw("meta", payload.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            "tandem update 'c5faf081249e' has unknown impact 'SEVERE'; allowed: NONE, MINOR, MAJOR, CRITICAL, MAINTENANCE");
  }

  @Test
  void refusesAnUnknownComponentStatusListingTheAllowedOnes() {
    String payload =
        Fixtures.text(META_FIRST).replaceFirst("\"partial_outage\"", "\"full_outage\"");

    assertThat(reasonFor(Fixtures.raw("meta", payload.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            "tandem update 'c5faf081249e' component #1 has unknown status 'full_outage'; allowed: OPERATIONAL, "
                + "DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, MAJOR_OUTAGE, UNDER_MAINTENANCE, UNKNOWN");
  }

  @Test
  void refusesAnUpdateWithoutUpdateId() {
    assertThat(reasonFor(Fixtures.raw("meta", "tandem/meta-without-update-id.json")))
        .isEqualTo("tandem update has no 'updateId'");
  }

  @Test
  void titlesAnUntitledUpdateWithItsIncidentId() {
    assertThat(updatesOf(Fixtures.raw("meta", "tandem/meta-without-title.json")))
        .singleElement()
        .satisfies(update -> assertThat(update.getTitle()).isEqualTo("meta-2024-12-11"));
  }

  @Test
  void readsAnArrayOfUpdates() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("govuk", "tandem/govuk-updates-array.json"));

    assertThat(updates)
        .extracting(StatusUpdate::getUpdateId)
        .containsExactly("b98c1a2bbdc3", "e9e0d17656ec");
    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED);
  }

  @Test
  void namesTheElementOfAnArrayThatIsWrong() {
    String payload =
        Fixtures.text("tandem/govuk-updates-array.json").replace("\"RESOLVED\"", "\"DONE\"");

    assertThat(reasonFor(Fixtures.raw("govuk", payload.getBytes(StandardCharsets.UTF_8))))
        .startsWith("tandem update #2 'e9e0d17656ec' has unknown status 'DONE'");
  }

  @Test
  void refusesAJsonStringInsteadOfAnUpdate() {
    assertThat(
            reasonFor(Fixtures.raw("meta", "\"INVESTIGATING\"".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            "tandem payload is a JSON string, expected an update object or an array of them");
  }

  @Test
  void recognizesUpdatesAndArraysOfUpdatesButNotStatuspageDocuments() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();

    assertThat(adapter.recognizes(json.readTree(Fixtures.bytes(META_FIRST)))).isTrue();
    assertThat(adapter.recognizes(json.readTree(Fixtures.bytes("tandem/govuk-updates-array.json"))))
        .isTrue();
    assertThat(adapter.recognizes(json.readTree("[]"))).isFalse();
    assertThat(
            adapter.recognizes(
                json.readTree(Fixtures.bytes("statuspage/discord-incidents-2022-02-15.json"))))
        .isFalse();
  }

  private List<StatusUpdate> updatesOf(RawStatus raw) {
    return Fixtures.updates(adapter.parse(raw));
  }

  private String reasonFor(RawStatus raw) {
    return Fixtures.reason(adapter.parse(raw));
  }
}
