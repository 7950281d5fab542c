package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.OutageState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's webhook payload, version 4 (prometheus.io, webhook_config): the fields a receiver
 * reads, with firing and resolved alerts.
 */
class AlertmanagerPayloadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2021-06-08T13:00:00Z");
  private static final DashboardLinks LINKS = DashboardLinks.of("https://tandem.example.com");

  @Test
  void anOpenOutageIsOneFiringAlertWithEveryFieldOfVersion4() throws Exception {
    JsonNode message = payload(Outages.notice(Outages.fastly(OutageState.OPEN, 1)));

    assertThat(message.get("version").asText()).isEqualTo("4");
    assertThat(message.get("receiver").asText()).isEqualTo("alerts");
    assertThat(message.get("status").asText()).isEqualTo("firing");
    assertThat(message.get("externalURL").asText()).isEqualTo("https://tandem.example.com");
    assertThat(message.get("groupKey").asText()).isNotBlank();
    assertThat(message.get("truncatedAlerts").asInt()).isZero();
    assertThat(message.get("groupLabels").get("alertname").asText())
        .isEqualTo("TandemCorrelatedOutage");
    assertThat(message.get("alerts")).hasSize(1);
    JsonNode alert = message.get("alerts").get(0);
    assertThat(alert.get("status").asText()).isEqualTo("firing");
    assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("TandemCorrelatedOutage");
    assertThat(alert.get("labels").get("outage_id").asText()).isEqualTo("fastly-cfdcefd7c4e1");
    assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
    assertThat(alert.get("labels").get("suspected_cause").asText()).isEqualTo("fastly");
    assertThat(alert.get("annotations").get("summary").asText()).contains("amazon, fastly, github");
    assertThat(alert.get("annotations").get("confidence").asText()).isEqualTo("0.97");
    assertThat(alert.get("startsAt").asText()).isEqualTo("2021-06-08T09:58:00Z");
    assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.get("generatorURL").asText())
        .isEqualTo("https://tandem.example.com/#outage=fastly-cfdcefd7c4e1");
    assertThat(alert.get("fingerprint").asText()).matches("[0-9a-f]{16}");
    assertThat(message.get("commonLabels")).isEqualTo(alert.get("labels"));
    assertThat(message.get("commonAnnotations")).isEqualTo(alert.get("annotations"));
  }

  @Test
  void anUpdateKeepsFiringUnderTheSameFingerprint() throws Exception {
    JsonNode open = payload(Outages.notice(Outages.fastly(OutageState.OPEN, 1)));
    JsonNode update = payload(Outages.notice(Outages.fastly(OutageState.UPDATED, 2)));

    assertThat(update.get("status").asText()).isEqualTo("firing");
    assertThat(fingerprint(update)).isEqualTo(fingerprint(open));
  }

  @Test
  void aResolvedOutageEndsAtItsResolution() throws Exception {
    JsonNode message = payload(Outages.notice(Outages.fastly(OutageState.RESOLVED, 3)));

    assertThat(message.get("status").asText()).isEqualTo("resolved");
    JsonNode alert = message.get("alerts").get(0);
    assertThat(alert.get("status").asText()).isEqualTo("resolved");
    assertThat(alert.get("endsAt").asText()).isEqualTo("2021-06-08T12:44:00Z");
  }

  @Test
  void aRetractionResolvesTheAlertNow() throws Exception {
    JsonNode message = payload(OutageNotice.retraction("fastly-cfdcefd7c4e1"));

    assertThat(message.get("status").asText()).isEqualTo("resolved");
    JsonNode alert = message.get("alerts").get(0);
    assertThat(alert.get("labels").get("outage_id").asText()).isEqualTo("fastly-cfdcefd7c4e1");
    assertThat(alert.get("annotations").get("summary").asText()).contains("retracted");
    assertThat(alert.get("endsAt").asText()).isEqualTo(NOW.toString());
    assertThat(fingerprint(message))
        .isEqualTo(fingerprint(payload(Outages.notice(Outages.fastly(OutageState.OPEN, 1)))));
  }

  private static String fingerprint(JsonNode message) {
    return message.get("alerts").get(0).get("fingerprint").asText();
  }

  private static JsonNode payload(OutageNotice notice) throws Exception {
    return JSON.readTree(AlertmanagerPayload.body(notice, "alerts", LINKS, NOW));
  }
}
