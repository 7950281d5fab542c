package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.OutageState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Events API v2 shape (developer.pagerduty.com, "Send an Alert Event"): routing_key,
 * event_action, dedup_key, payload.summary/source/severity; a resolve carries the key alone.
 */
class PagerDutyEventTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret KEY = new Secret("R0UT1NGKEY");
  private static final DashboardLinks LINKS = DashboardLinks.of("https://tandem.example.com/");

  @Test
  void anOpenOutageTriggersAnAlertKeyedByItsId() throws Exception {
    JsonNode event = event(Outages.notice(Outages.fastly(OutageState.OPEN, 1)));

    assertThat(event.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
    assertThat(event.get("event_action").asText()).isEqualTo("trigger");
    assertThat(event.get("dedup_key").asText()).isEqualTo("fastly-cfdcefd7c4e1");
    JsonNode payload = event.get("payload");
    assertThat(payload.get("summary").asText())
        .startsWith(
            "Correlated outage: amazon, fastly, github failing together since 2021-06-08T09:58:00Z")
        .contains("suspected cause fastly", "confidence 0.97");
    assertThat(payload.get("source").asText()).isEqualTo("tandem");
    assertThat(payload.get("severity").asText()).isEqualTo("critical");
    assertThat(payload.get("timestamp").asText()).isEqualTo("2021-06-08T09:58:00Z");
    assertThat(payload.get("custom_details").get("providers")).hasSize(3);
    assertThat(event.get("links").get(0).get("href").asText())
        .isEqualTo("https://tandem.example.com/#outage=fastly-cfdcefd7c4e1");
  }

  @Test
  void anUpdateIsATriggerWithTheSameKey() throws Exception {
    JsonNode event = event(Outages.notice(Outages.fastly(OutageState.UPDATED, 2)));

    assertThat(event.get("event_action").asText()).isEqualTo("trigger");
    assertThat(event.get("dedup_key").asText()).isEqualTo("fastly-cfdcefd7c4e1");
    assertThat(event.get("payload").get("summary").asText())
        .startsWith("Correlated outage updated");
  }

  @Test
  void resolvedExpiredMergedAndRetractedOutagesResolveTheAlert() throws Exception {
    List<JsonNode> events = new ArrayList<>();
    events.add(event(Outages.notice(Outages.fastly(OutageState.RESOLVED, 3))));
    events.add(event(Outages.notice(Outages.fastly(OutageState.EXPIRED, 3))));
    events.add(event(Outages.notice(Outages.fastly(OutageState.MERGED, 3))));
    events.add(event(OutageNotice.retraction("fastly-cfdcefd7c4e1")));

    for (JsonNode event : events) {
      assertThat(event.get("event_action").asText()).isEqualTo("resolve");
      assertThat(event.get("dedup_key").asText()).isEqualTo("fastly-cfdcefd7c4e1");
      assertThat(event.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
      assertThat(event.has("payload")).isFalse();
    }
  }

  @Test
  void theSummaryKeepsToPagerDutysLimit() throws Exception {
    String[] many = new String[200];
    for (int i = 0; i < many.length; i++) {
      many[i] = "provider-number-" + i;
    }
    JsonNode event =
        event(
            Outages.notice(
                Outages.outage("x-1", OutageState.OPEN, 1, 0.9, "provider-number-0", many)));

    assertThat(event.get("payload").get("summary").asText()).hasSizeLessThanOrEqualTo(1024);
  }

  private static JsonNode event(OutageNotice notice) throws Exception {
    return JSON.readTree(PagerDutyEvent.body(notice, KEY, LINKS));
  }
}
