package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statuspage webhook bodies: {"incident": …} with every update so far, and component status
 * changes.
 */
class StatuspageWebhookTest {

  private static final String FASTLY_SOURCE = "https://status.fastly.com/";

  private final StatuspageAdapter adapter = new StatuspageAdapter();

  @Test
  void readsFastlysFirstWebhookAsOneCriticalUpdateOfItsEdgeNetwork() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw(
                "fastly", "scenarios/fastly-2021-06-08/00-fastly.statuspage.json", FASTLY_SOURCE));

    assertThat(updates)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getProvider()).isEqualTo("fastly");
              assertThat(update.getIncidentId()).isEqualTo("fastly-2021-06-08");
              assertThat(update.getUpdateId()).isEqualTo("139d400ae58f");
              assertThat(update.getTitle())
                  .isEqualTo("Global CDN disruption (latent bug triggered by customer config)");
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
              assertThat(update.getImpact()).isEqualTo(Impact.CRITICAL);
              assertThat(update.getComponents())
                  .containsExactly(
                      component(
                          "c7f5402e01", "Edge/CDN (85% of network)", ComponentStatus.MAJOR_OUTAGE));
              assertThat(update.getBody()).isEqualTo("Status post published");
              assertThat(update.getStartedAt()).isEqualTo(Instant.parse("2021-06-08T09:47:00Z"));
              assertThat(update.getUpdatedAt()).isEqualTo(Instant.parse("2021-06-08T09:58:00Z"));
              assertThat(update.getSource()).isEqualTo(FASTLY_SOURCE);
              assertThat(update.getFormat()).isEqualTo("statuspage");
            });
  }

  @Test
  void readsEveryUpdateOfChatGptsLastWebhookOldestFirstWithAllFourteenComponents() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw(
                "openai", "scenarios/seed-2025-12-02-chatgpt-two-hours/04-openai.statuspage.json"));

    assertThat(updates)
        .extracting(StatusUpdate::getUpdateId)
        .containsExactly(
            "d62c3da1515d", "207fc960d96d", "8d35ff132743", "57fa75ad15fe", "49781700fc09");
    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.INVESTIGATING,
            IncidentStatus.INVESTIGATING,
            IncidentStatus.IDENTIFIED,
            IncidentStatus.MONITORING,
            IncidentStatus.RESOLVED);
    assertThat(updates)
        .extracting(StatusUpdate::getUpdatedAt)
        .containsExactly(
            Instant.parse("2025-12-02T19:40:00Z"),
            Instant.parse("2025-12-02T19:52:00Z"),
            Instant.parse("2025-12-02T19:55:00Z"),
            Instant.parse("2025-12-02T20:32:00Z"),
            Instant.parse("2025-12-02T21:40:00Z"));
    assertThat(updates)
        .allSatisfy(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("openai-2025-12-02-elevated-errors");
              assertThat(update.getImpact()).isEqualTo(Impact.MAJOR);
              assertThat(update.getStartedAt()).isEqualTo(Instant.parse("2025-12-02T19:40:00Z"));
              assertThat(update.getComponents()).hasSize(14);
            });
    assertThat(updates.get(0).getComponents())
        .allSatisfy(
            component ->
                assertThat(component.getStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE))
        .extracting(AffectedComponent::getName)
        .contains("Conversations", "Login", "Codex", "API");
    assertThat(updates.get(4).getComponents())
        .allSatisfy(
            component -> assertThat(component.getStatus()).isEqualTo(ComponentStatus.OPERATIONAL));
  }

  @Test
  void readsAWebhookWithUtcOffsetsAndNoStartedAtFromItsCreationTime() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("datadog", "statuspage/datadog-incident-webhook-2017-08-08.json"));

    assertThat(updates)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("9g7yvbccltvk");
              assertThat(update.getUpdateId()).isEqualTo("khbq8r3dmwsf");
              assertThat(update.getImpact()).isEqualTo(Impact.MINOR);
              // created_at "2017-08-08T10:45:44.090-04:00"; there is no started_at in 2017's
              // webhooks.
              assertThat(update.getStartedAt())
                  .isEqualTo(Instant.parse("2017-08-08T14:45:44.090Z"));
              assertThat(update.getUpdatedAt())
                  .isEqualTo(Instant.parse("2017-08-08T14:45:44.212Z"));
            });
  }

  @Test
  void ignoresStatuspagesNoComponentsWereAffectedPlaceholder() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("datadog", "statuspage/datadog-incident-webhook-2017-08-08.json"));

    assertThat(updates)
        .singleElement()
        .satisfies(update -> assertThat(update.getComponents()).isEmpty());
  }

  @Test
  void makesOneUpdateFromAnIncidentThatHasNoUpdatesYet() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("fastly", "statuspage/fastly-2021-06-08-without-updates.json"));

    assertThat(updates)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("fastly-2021-06-08");
              assertThat(update.getUpdateId()).isEqualTo("fastly-2021-06-08@2021-06-08T09:58:00Z");
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
              assertThat(update.getImpact()).isEqualTo(Impact.CRITICAL);
              assertThat(update.getUpdatedAt()).isEqualTo(Instant.parse("2021-06-08T09:58:00Z"));
              assertThat(update.getComponents())
                  .containsExactly(
                      component(
                          "c7f5402e01", "Edge/CDN (85% of network)", ComponentStatus.MAJOR_OUTAGE));
              assertThat(update.getBody()).isNull();
            });
  }

  @Test
  void turnsAComponentWebhookIntoAnUpdateOfThatComponentsOwnIncident() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("datadog", "statuspage/datadog-component-webhook-2017-08-08.json"));

    assertThat(updates)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("component:1kbgg1cp74tb");
              // The component's updated_at, as summary.json would show it, so webhook and poll
              // deduplicate.
              assertThat(update.getUpdateId()).isEqualTo("1kbgg1cp74tb@2017-08-08T14:41:37.388Z");
              assertThat(update.getTitle()).isEqualTo("API: degraded performance");
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
              assertThat(update.getImpact()).isEqualTo(Impact.MINOR);
              assertThat(update.getStartedAt()).isEqualTo(update.getUpdatedAt());
              assertThat(update.getComponents())
                  .containsExactly(
                      component("1kbgg1cp74tb", "API", ComponentStatus.DEGRADED_PERFORMANCE));
            });
  }

  @Test
  void resolvesTheComponentsIncidentWhenAComponentWebhookSaysOperational() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("example", "statuspage/atlassian-docs-component-webhook.json"));

    assertThat(updates)
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("component:rb5wq1dczvbm");
              assertThat(update.getUpdateId()).isEqualTo("rb5wq1dczvbm@2013-05-29T21:32:28Z");
              assertThat(update.getTitle()).isEqualTo("Some Component: operational");
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
              assertThat(update.getImpact()).isEqualTo(Impact.NONE);
            });
  }

  @ParameterizedTest
  @MethodSource("statuspageScenarioPayloads")
  void readsEveryStatuspagePayloadOfTheScenarios(String payload) {
    String provider = Fixtures.providerOf(payload);
    List<StatusUpdate> updates = updatesOf(Fixtures.raw(provider, payload));

    assertThat(updates)
        .isNotEmpty()
        .allSatisfy(
            update -> {
              assertThat(update.getProvider()).isEqualTo(provider);
              assertThat(update.getFormat()).isEqualTo("statuspage");
              assertThat(update.getUpdatedAt()).isAfterOrEqualTo(update.getStartedAt());
            });
    assertThat(updates).extracting(StatusUpdate::getUpdatedAt).isSorted();
  }

  static List<String> statuspageScenarioPayloads() {
    return Fixtures.scenarioPayloads().stream()
        .filter(path -> Fixtures.formatOf(path).equals("statuspage"))
        .toList();
  }

  private List<StatusUpdate> updatesOf(RawStatus raw) {
    return Fixtures.updates(adapter.parse(raw));
  }

  static AffectedComponent component(String id, String name, ComponentStatus status) {
    return AffectedComponent.newBuilder().setId(id).setName(name).setStatus(status).build();
  }
}
