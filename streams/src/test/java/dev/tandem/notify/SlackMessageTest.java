package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.OutageState;
import org.junit.jupiter.api.Test;

/** A Slack incoming webhook body: {@code text} and Block Kit {@code blocks}, readable. */
class SlackMessageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DashboardLinks LINKS = DashboardLinks.of("https://tandem.example.com");

  @Test
  void anOpenOutageSaysWhoSinceWhenTheCauseTheConfidenceAndLinksTheDashboard() throws Exception {
    JsonNode message = message(Outages.notice(Outages.fastly(OutageState.OPEN, 1)), LINKS);

    assertThat(message.get("text").asText())
        .contains("amazon, fastly, github", "2021-06-08T09:58:00Z", "fastly", "0.97")
        .contains("https://tandem.example.com/#outage=fastly-cfdcefd7c4e1");
    JsonNode blocks = message.get("blocks");
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
    assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(0).get("text").get("text").asText()).contains("Correlated outage");
    JsonNode fields = blocks.get(1).get("fields");
    assertThat(fields).hasSize(4);
    assertThat(fields.get(0).get("text").asText()).isEqualTo("*Providers*\namazon, fastly, github");
    assertThat(fields.get(1).get("text").asText()).isEqualTo("*Since*\n2021-06-08T09:58:00Z");
    assertThat(fields.get(2).get("text").asText()).isEqualTo("*Suspected cause*\nfastly");
    assertThat(fields.get(3).get("text").asText()).isEqualTo("*Confidence*\n0.97");
    JsonNode context = blocks.get(2);
    assertThat(context.get("type").asText()).isEqualTo("context");
    assertThat(context.get("elements").get(0).get("text").asText())
        .contains("<https://tandem.example.com/#outage=fastly-cfdcefd7c4e1|Open in the dashboard>")
        .contains("version 1");
  }

  @Test
  void resolvedAndRetractedOutagesSaySo() throws Exception {
    JsonNode resolved = message(Outages.notice(Outages.fastly(OutageState.RESOLVED, 3)), LINKS);
    JsonNode retracted = message(OutageNotice.retraction("fastly-cfdcefd7c4e1"), LINKS);

    assertThat(resolved.get("text").asText()).startsWith("Correlated outage resolved");
    assertThat(retracted.get("text").asText()).contains("fastly-cfdcefd7c4e1 retracted");
    assertThat(retracted.get("blocks")).hasSize(2);
  }

  @Test
  void withoutADashboardThereIsNoLinkAndVendorTextCannotMakeOne() throws Exception {
    JsonNode message =
        message(
            Outages.notice(
                Outages.outage("a-1", OutageState.OPEN, 1, 0.8, "<!channel>", "<!channel>", "b")),
            DashboardLinks.NONE);

    assertThat(message.toString()).doesNotContain("#outage=");
    assertThat(message.get("blocks").get(1).get("fields").get(0).get("text").asText())
        .isEqualTo("*Providers*\n&lt;!channel&gt;, b");
  }

  @Test
  void aHugeOutageKeepsToSlacksLimits() throws Exception {
    String[] many = new String[400];
    for (int i = 0; i < many.length; i++) {
      many[i] = "provider-number-" + i;
    }
    JsonNode message =
        message(
            Outages.notice(Outages.outage("x-1", OutageState.OPEN, 1, 0.9, many[0], many)), LINKS);

    assertThat(message.get("blocks").get(0).get("text").get("text").asText())
        .hasSizeLessThanOrEqualTo(3000);
    assertThat(message.get("blocks").get(1).get("fields").get(0).get("text").asText())
        .hasSizeLessThanOrEqualTo(2000);
  }

  private static JsonNode message(OutageNotice notice, DashboardLinks links) throws Exception {
    return JSON.readTree(SlackMessage.body(notice, links));
  }
}
