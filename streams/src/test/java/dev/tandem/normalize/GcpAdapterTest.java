package dev.tandem.normalize;

import static dev.tandem.normalize.StatuspageWebhookTest.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Google Cloud's incidents.json. */
class GcpAdapterTest {

  private static final String DOCUMENTED = "gcp/documented-shape-incidents.json";
  private static final String CHECKMK = "gcp/checkmk-edited-incidents-2022-07-20.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GcpAdapter adapter = new GcpAdapter();

  @Test
  void readsEveryUpdateOfAnIncidentResolvingItOnceItHasEnded() {
    List<StatusUpdate> updates =
        incident(
            updatesOf(
                Fixtures.raw("gcp", DOCUMENTED, "https://status.cloud.google.com/incidents.json")),
            "ow5i3PPK96RduMcb1SsW");

    assertThat(updates)
        .extracting(StatusUpdate::getUpdateId)
        .containsExactly("2025-06-12T18:46:00Z", "2025-06-12T20:16:00Z", "2025-06-13T01:20:00Z");
    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.INVESTIGATING, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED);
    assertThat(updates)
        .allSatisfy(
            update -> {
              assertThat(update.getTitle())
                  .isEqualTo("Multiple GCP products are experiencing Service issues.");
              assertThat(update.getImpact()).isEqualTo(Impact.CRITICAL);
              assertThat(update.getStartedAt()).isEqualTo(Instant.parse("2025-06-12T17:51:00Z"));
              assertThat(update.getFormat()).isEqualTo("gcp");
              assertThat(update.getSource())
                  .isEqualTo("https://status.cloud.google.com/incidents.json");
            });
    assertThat(updates.get(0).getUpdatedAt()).isEqualTo(Instant.parse("2025-06-12T18:46:00Z"));
  }

  @Test
  void namesTheAffectedProductsWithTheStatusEachUpdateReports() {
    List<StatusUpdate> updates =
        incident(updatesOf(Fixtures.raw("gcp", DOCUMENTED)), "ow5i3PPK96RduMcb1SsW");

    assertThat(updates.get(0).getComponents())
        .containsExactly(
            component(
                "adnGEDEt9zWzs8uF1oKA",
                "Identity and Access Management",
                ComponentStatus.MAJOR_OUTAGE),
            component(
                "L3ggmi3Jy4xJmgodFA9K", "Google Compute Engine", ComponentStatus.MAJOR_OUTAGE),
            component("9CcrhHUcFevXPSVaSxkf", "Google BigQuery", ComponentStatus.MAJOR_OUTAGE));
    assertThat(updates.get(2).getComponents())
        .extracting(c -> c.getStatus())
        .containsOnly(ComponentStatus.OPERATIONAL);
  }

  @Test
  void appendsTheLocationsAnUpdateNamesToItsBody() {
    StatusUpdate first =
        incident(updatesOf(Fixtures.raw("gcp", DOCUMENTED)), "ow5i3PPK96RduMcb1SsW").get(0);

    assertThat(first.getBody())
        .isEqualTo(
            "We are investigating an issue affecting multiple products in multiple "
                + "regions.\n\nAffected locations: Global, Iowa (us-central1)");
  }

  @Test
  void readsAnOpenIncidentAsInvestigatingWithTheImpactOfItsSeverity() {
    List<StatusUpdate> updates =
        incident(updatesOf(Fixtures.raw("gcp", DOCUMENTED)), "bAv8Ke2RkXwDc7QqT1Nm");

    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsOnly(IncidentStatus.INVESTIGATING);
    assertThat(updates).extracting(StatusUpdate::getImpact).containsOnly(Impact.MAJOR);
    assertThat(updates.get(1).getComponents())
        .containsExactly(
            component("9D7d2iNBQWN24zc1VamE", "Cloud Run", ComponentStatus.PARTIAL_OUTAGE));
  }

  @Test
  void readsAnIncidentListedWithoutUpdatesAsItsOwnUpdate() {
    StatusUpdate notice =
        incident(updatesOf(Fixtures.raw("gcp", DOCUMENTED)), "Zq4nV0cWm2Ds9HtR5yLe").get(0);

    assertThat(notice.getUpdateId()).isEqualTo("2025-06-21T14:10:00Z");
    assertThat(notice.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(notice.getImpact()).isEqualTo(Impact.MINOR);
    assertThat(notice.getBody())
        .isEqualTo(
            "Advance notice: Cloud Console sign-in page changes\n\nAffected locations: Global");
  }

  @Test
  void readsTheMostRecentUpdateWhenTheIncidentListsNoOthers() {
    List<StatusUpdate> updates = updatesOf(Fixtures.raw("gcp", CHECKMK));

    assertThat(updates).hasSize(2);
    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactlyInAnyOrder(IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED);
    StatusUpdate resolved =
        updates.stream()
            .filter(u -> u.getStatus() == IncidentStatus.RESOLVED)
            .findFirst()
            .orElseThrow();
    assertThat(resolved.getStartedAt()).isEqualTo(Instant.parse("2022-07-09T14:17:00Z"));
    assertThat(resolved.getUpdatedAt()).isEqualTo(Instant.parse("2022-07-20T13:44:35Z"));
    assertThat(resolved.getComponents())
        .extracting(c -> c.getName())
        .containsExactly("Secret Manager", "Google Cloud SQL");
    assertThat(resolved.getBody()).endsWith("Affected locations: London (europe-west2), Global");
  }

  @Test
  void recognizesIncidentsJsonButNotOtherArrays() throws IOException {
    assertThat(adapter.recognizes(JSON.readTree(Fixtures.bytes(DOCUMENTED)))).isTrue();
    assertThat(adapter.recognizes(JSON.readTree(Fixtures.bytes(CHECKMK)))).isTrue();
    assertThat(adapter.recognizes(JSON.readTree("[]"))).isFalse();
    assertThat(adapter.recognizes(JSON.readTree(Fixtures.bytes("tandem/govuk-updates-array.json"))))
        .isFalse();
    assertThat(
            adapter.recognizes(
                JSON.readTree(Fixtures.bytes("statuspage/github-incidents-2024-09-16.json"))))
        .isFalse();
  }

  @Test
  void refusesAPayloadThatIsNeitherAnArrayNorAnIncident() {
    assertThat(reasonFor(raw("\"incidents\"")))
        .isEqualTo(
            "gcp payload is a JSON string, expected an array of incidents (incidents.json) or one incident object");
  }

  @Test
  void refusesAnIncidentWithoutId() {
    String payload =
        Fixtures.text(DOCUMENTED)
            .replace("\"id\": \"bAv8Ke2RkXwDc7QqT1Nm\",", "")
            .replace("\"number\": \"5512876301299364021\",", "");

    assertThat(reasonFor(raw(payload))).isEqualTo("gcp incident #2 has no 'id'");
  }

  @Test
  void refusesAnUnreadableBegin() {
    String payload =
        Fixtures.text(DOCUMENTED)
            .replace("\"begin\": \"2025-06-20T09:05:00+00:00\"", "\"begin\": \"20 June\"");

    assertThat(reasonFor(raw(payload)))
        .startsWith(
            "gcp incident 'bAv8Ke2RkXwDc7QqT1Nm' has an unreadable 'begin' timestamp '20 June'");
  }

  private List<StatusUpdate> updatesOf(RawStatus raw) {
    return Fixtures.updates(adapter.parse(raw));
  }

  private String reasonFor(RawStatus raw) {
    return Fixtures.reason(adapter.parse(raw));
  }

  private static List<StatusUpdate> incident(List<StatusUpdate> updates, String incidentId) {
    return updates.stream().filter(u -> u.getIncidentId().equals(incidentId)).toList();
  }

  private static RawStatus raw(String payload) {
    return Fixtures.raw("gcp", payload.getBytes(StandardCharsets.UTF_8));
  }
}
