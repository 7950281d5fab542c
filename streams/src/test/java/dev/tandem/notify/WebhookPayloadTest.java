package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.alert.OutageJson;
import dev.tandem.contract.OutageState;
import org.junit.jupiter.api.Test;

/** A generic webhook gets the outage JSON of tandem.outages.json, a retraction as the API shows. */
class WebhookPayloadTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anOutageChangeIsItsTopicJson() {
    var outage = Outages.fastly(OutageState.UPDATED, 2);

    assertThat(WebhookPayload.body(Outages.notice(outage))).isEqualTo(OutageJson.toJson(outage));
  }

  @Test
  void aRetractionIsStateRetracted() throws Exception {
    JsonNode body = JSON.readTree(WebhookPayload.body(OutageNotice.retraction("fastly-1")));

    assertThat(body.get("type").asText()).isEqualTo("outage");
    assertThat(body.get("id").asText()).isEqualTo("fastly-1");
    assertThat(body.get("state").asText()).isEqualTo("RETRACTED");
  }
}
