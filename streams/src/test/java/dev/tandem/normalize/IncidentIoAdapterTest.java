package dev.tandem.normalize;

import static dev.tandem.normalize.StatuspageWebhookTest.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** incident.io status pages: the widget API, the page's proxy summary, its incident history. */
class IncidentIoAdapterTest {

  private static final String WIDGET = "incidentio/widget-documented-example.json";
  private static final String PROXY_SUMMARY = "incidentio/openai-proxy-summary-2025-12-02.json";
  private static final String PLEO = "incidentio/pleo-incidents-2026-01.json";

  private static final String CONVERSATIONS = "01JMXBRMFE6N2NNT7DG6XZQ6PW";
  private static final String LOGIN = "01JMXBRMFEQ6C3Y7GSR3FZ1MKB";
  private static final String RESPONSES = "01JMXBRMFF0WKZ7T1N6YB5S2EA";
  private static final String CODEX_WEB = "01JVCW3H4X4K4P4W4R0M8A1C2D";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IncidentIoAdapter adapter = new IncidentIoAdapter();

  @Test
  void readsEachWidgetItemAsOneUpdateNamedByItsLastUpdateTime() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("fitnudge", WIDGET, "https://status.fitnudge.app/api/v1/summary"));

    assertThat(updates)
        .extracting(StatusUpdate::getUpdateId)
        .containsExactlyInAnyOrder(
            "01H0QJ89CRW5BKTY9N89MSDT5S@2026-01-26T02:11:43Z",
            "01FDAG4SAP5TYPT98WGR2N7W91@2026-01-26T02:11:43Z",
            "01FCNDV6P870EA6S7TK1DSYD5H@2026-01-26T02:11:43Z");
    assertThat(updates)
        .allSatisfy(
            update -> {
              assertThat(update.getFormat()).isEqualTo("incidentio");
              assertThat(update.getProvider()).isEqualTo("fitnudge");
              assertThat(update.getSource())
                  .isEqualTo("https://status.fitnudge.app/api/v1/summary");
              assertThat(update.getUpdatedAt()).isEqualTo(Instant.parse("2026-01-26T02:11:43Z"));
            });
  }

  @Test
  void takesAWidgetIncidentsImpactFromItsCurrentWorstImpact() {
    StatusUpdate login =
        incident(updatesOf(Fixtures.raw("fitnudge", WIDGET)), "01H0QJ89CRW5BKTY9N89MSDT5S");

    assertThat(login.getTitle()).isEqualTo("Login failing for some users");
    assertThat(login.getStatus()).isEqualTo(IncidentStatus.IDENTIFIED);
    assertThat(login.getImpact()).isEqualTo(Impact.MAJOR);
    assertThat(login.getBody()).isEqualTo("...");
    assertThat(login.getComponents())
        .containsExactly(
            component("01H0QJ1BXP0E76RGBYRDHKA2KQ", "Login", ComponentStatus.PARTIAL_OUTAGE));
  }

  @Test
  void readsWidgetMaintenancesAsMaintenanceInTheirPhase() {
    List<StatusUpdate> updates = updatesOf(Fixtures.raw("fitnudge", WIDGET));

    StatusUpdate inProgress = incident(updates, "01FDAG4SAP5TYPT98WGR2N7W91");
    assertThat(inProgress.getStatus()).isEqualTo(IncidentStatus.IN_PROGRESS);
    assertThat(inProgress.getImpact()).isEqualTo(Impact.MAINTENANCE);
    assertThat(inProgress.getStartedAt()).isEqualTo(Instant.parse("2026-01-26T02:11:43Z"));
    StatusUpdate scheduled = incident(updates, "01FCNDV6P870EA6S7TK1DSYD5H");
    assertThat(scheduled.getStatus()).isEqualTo(IncidentStatus.SCHEDULED);
    assertThat(scheduled.getImpact()).isEqualTo(Impact.MAINTENANCE);
  }

  @Test
  void readsEveryUpdateOfAnOngoingIncidentInTheProxySummary() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw(
                "openai", PROXY_SUMMARY, "https://status.openai.com/proxy/status.openai.com"));

    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.INVESTIGATING,
            IncidentStatus.INVESTIGATING,
            IncidentStatus.IDENTIFIED,
            IncidentStatus.MONITORING);
    assertThat(updates)
        .extracting(StatusUpdate::getUpdatedAt)
        .containsExactly(
            Instant.parse("2025-12-02T19:40:00Z"), Instant.parse("2025-12-02T19:52:00Z"),
            Instant.parse("2025-12-02T19:55:00Z"), Instant.parse("2025-12-02T20:32:00Z"));
    assertThat(updates.get(3).getBody())
        .isEqualTo("A fix has been applied and we are monitoring recovery.");
    assertThat(updates)
        .allSatisfy(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("01KBGE8T1CPJ9V2W0S3YFQ7MZR");
              assertThat(update.getTitle())
                  .isEqualTo("Elevated error rates across ChatGPT and the API");
            });
  }

  @Test
  void takesTheImpactFromTheWorstComponentImpactSoAFullOutageIsCritical() {
    assertThat(updatesOf(Fixtures.raw("openai", PROXY_SUMMARY)))
        .extracting(StatusUpdate::getImpact)
        .containsOnly(Impact.CRITICAL);
  }

  @Test
  void startsTheIncidentWhenItsEarliestComponentImpactStartedNotWhenItWasPublished() {
    // Published at 19:40; the Conversations impact was backdated to 19:38.
    assertThat(updatesOf(Fixtures.raw("openai", PROXY_SUMMARY)))
        .extracting(StatusUpdate::getStartedAt)
        .containsOnly(Instant.parse("2025-12-02T19:38:00Z"));
  }

  @Test
  void namesEachUpdatesComponentsFromThePagesComponentList() {
    List<StatusUpdate> updates = updatesOf(Fixtures.raw("openai", PROXY_SUMMARY));

    assertThat(updates.get(1).getComponents())
        .containsExactly(component(CODEX_WEB, "Codex Web", ComponentStatus.MAJOR_OUTAGE));
    assertThat(updates.get(3).getComponents())
        .containsExactly(
            component(CONVERSATIONS, "Conversations", ComponentStatus.DEGRADED_PERFORMANCE),
            component(RESPONSES, "Responses", ComponentStatus.DEGRADED_PERFORMANCE),
            component(CODEX_WEB, "Codex Web", ComponentStatus.OPERATIONAL));
  }

  @Test
  void fallsBackToTheIncidentsAffectedComponentsWhenAnUpdateNamesNone() {
    StatusUpdate identified = updatesOf(Fixtures.raw("openai", PROXY_SUMMARY)).get(2);

    assertThat(identified.getComponents())
        .containsExactly(
            component(CONVERSATIONS, "Conversations", ComponentStatus.PARTIAL_OUTAGE),
            component(LOGIN, "Login", ComponentStatus.PARTIAL_OUTAGE),
            component(RESPONSES, "Responses", ComponentStatus.PARTIAL_OUTAGE),
            component(CODEX_WEB, "Codex Web", ComponentStatus.MAJOR_OUTAGE));
  }

  @Test
  void readsTheProxysIncidentHistoryIncludingMaintenances() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw("pleo", PLEO, "https://status.pleo.io/proxy/status.pleo.io/incidents"));

    assertThat(updates).hasSize(2);
    StatusUpdate maintenance = updates.get(0);
    assertThat(maintenance.getIncidentId()).isEqualTo("01KFGG5S6TRSJJNNBB3TQATY24");
    assertThat(maintenance.getStatus()).isEqualTo(IncidentStatus.SCHEDULED);
    assertThat(maintenance.getImpact()).isEqualTo(Impact.MAINTENANCE);
    // No page component list in this document: the id stands in for the name.
    assertThat(maintenance.getComponents())
        .containsExactly(
            component(
                "01JEV56RY04T2614381RR4X5AJ",
                "01JEV56RY04T2614381RR4X5AJ",
                ComponentStatus.UNDER_MAINTENANCE));
    assertThat(maintenance.getStartedAt()).isEqualTo(Instant.parse("2026-01-21T14:43:41.913Z"));
    StatusUpdate incident = updates.get(1);
    assertThat(incident.getUpdateId()).isEqualTo("01KG77ZCW3DBEXXB00VHC5GVZV");
    assertThat(incident.getStatus()).isEqualTo(IncidentStatus.IDENTIFIED);
    assertThat(incident.getImpact()).isEqualTo(Impact.MINOR);
    assertThat(incident.getBody())
        .startsWith("Some customers are unable to access the Invoices page.");
    assertThat(incident.getUpdatedAt()).isEqualTo(Instant.parse("2026-01-30T10:42:56.002Z"));
  }

  @Test
  void readsOneIncidentOfTheProxy() throws IOException {
    JsonNode history = JSON.readTree(Fixtures.bytes(PLEO));
    String single =
        JSON.createObjectNode().set("incident", history.path("incidents").get(0)).toString();

    assertThat(updatesOf(raw(single)))
        .singleElement()
        .satisfies(
            update -> assertThat(update.getIncidentId()).isEqualTo("01KG77ZCW3ZCZBXCRP47BT0KFG"));
  }

  @Test
  void recognizesEveryIncidentIoShape() throws IOException {
    for (String fixture : List.of(WIDGET, PROXY_SUMMARY, PLEO)) {
      assertThat(adapter.recognizes(JSON.readTree(Fixtures.bytes(fixture)))).as(fixture).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "statuspage/github-incidents-2024-09-16.json", "statuspage/github-summary-2020-04-02.json",
        "statuspage/discord-scheduled-maintenances-2015-09-22.json",
            "statuspage/discord-unresolved-2022-02-15.json",
        "statuspage/datadog-incident-webhook-2017-08-08.json"
      })
  void doesNotMistakeStatuspageDocumentsForIncidentIo(String fixture) throws IOException {
    assertThat(adapter.recognizes(JSON.readTree(Fixtures.bytes(fixture)))).isFalse();
  }

  @Test
  void refusesAnObjectOfNoKnownShapeNamingTheFieldsItHas() {
    assertThat(reasonFor(raw("{\"page_title\":\"x\"}")))
        .isEqualTo(
            "incidentio payload has no 'summary', "
                + "'ongoing_incidents', 'in_progress_maintenances', 'scheduled_maintenances', 'incidents' or 'incident' "
                + "field (its fields: 'page_title')");
  }

  @Test
  void refusesTheWholePayloadWhenOneUpdateHasNoId() {
    String payload =
        Fixtures.text(PROXY_SUMMARY).replace("\"id\": \"01KBGFMA0B1C2D3E4F5G6H7J8K\",", "");

    assertThat(reasonFor(raw(payload)))
        .isEqualTo("incidentio incident '01KBGE8T1CPJ9V2W0S3YFQ7MZR' update #2 has no 'id'");
  }

  @Test
  void refusesAnUpdateWithoutStatus() {
    String payload = Fixtures.text(PLEO).replace("\"to_status\": \"identified\",", "");

    assertThat(reasonFor(raw(payload)))
        .isEqualTo(
            "incidentio incident '01KG77ZCW3ZCZBXCRP47BT0KFG' update '01KG77ZCW3DBEXXB00VHC5GVZV' has no 'to_status'");
  }

  @Test
  void refusesAnUnreadableTimestamp() {
    String payload =
        Fixtures.text(WIDGET)
            .replaceFirst(
                "\"last_update_at\": \"2026-01-26T02:11:43Z\"",
                "\"last_update_at\": \"26/01/2026 02:11\"");

    assertThat(reasonFor(raw(payload)))
        .startsWith(
            "incidentio incident '01H0QJ89CRW5BKTY9N89MSDT5S' has an unreadable 'last_update_at' timestamp '26/01/2026 02:11'");
  }

  private List<StatusUpdate> updatesOf(RawStatus raw) {
    return Fixtures.updates(adapter.parse(raw));
  }

  private String reasonFor(RawStatus raw) {
    return Fixtures.reason(adapter.parse(raw));
  }

  private static StatusUpdate incident(List<StatusUpdate> updates, String incidentId) {
    return updates.stream()
        .filter(u -> u.getIncidentId().equals(incidentId))
        .findFirst()
        .orElseThrow();
  }

  private static RawStatus raw(String payload) {
    return Fixtures.raw("openai", payload.getBytes(StandardCharsets.UTF_8));
  }
}
