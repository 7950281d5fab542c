package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.collect.RawStatusPublisher;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TandemProcess;
import dev.tandem.testing.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} as an operator runs it (a JVM of its own), with a webhook target that fails
 * its first attempt: the Fastly outage the pipeline concludes reaches the target, every change the
 * pipeline published, in order.
 */
@ExtendWith(KafkaStack.class)
class RunNotifiesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path work;

  @Test
  void runSendsEveryChangeOfTheFastlyOutageInOrder() throws Exception {
    try (RecordingTarget server = new RecordingTarget()) {
      Map<String, String> values =
          new HashMap<>(KafkaStack.pipelineConfig("notify-run", work.resolve("state")).values());
      values.put("tandem.notify.targets", "hooks");
      values.put("tandem.notify.hooks.type", "webhook");
      values.put("tandem.notify.hooks.url", server.path("hooks", 200, 503));
      values.put("tandem.notify.retry.backoff.ms", "20");
      TandemConfig config = new TandemConfig(values);

      try (TandemProcess run = new TandemProcess(config, work).start();
          Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
        run.awaitRunning(WAIT);
        // A new group starts at the end of the topic: publish once it has its place there.
        await()
            .atMost(WAIT)
            .until(
                () ->
                    admin
                            .listConsumerGroupOffsets("notify-run-notify-hooks")
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .size()
                        == 2);
        Properties client = new Properties();
        client.put("bootstrap.servers", KafkaStack.bootstrapServers());
        try (RawStatusPublisher publisher = new RawStatusPublisher(client, config.topics().raw())) {
          publisher.publishAll(Scenario.records(List.of(fastly())));
        }

        await()
            .atMost(WAIT)
            .until(() -> server.taken("hooks").stream().anyMatch(b -> b.contains("\"RESOLVED\"")));
        List<String> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r :
            TopicRecords.read(config.topics().outagesJson(), 1)) {
          published.add(
              r.value() == null
                  ? r.key() + " RETRACTED"
                  : change(JSON.readTree(new String(r.value(), StandardCharsets.UTF_8))));
        }
        List<String> sent = new ArrayList<>();
        for (String body : server.taken("hooks")) {
          sent.add(change(JSON.readTree(body)));
        }

        assertThat(new LinkedHashSet<>(sent)).containsExactlyElementsOf(published);
        // The raw topic has two partitions, so amazon's and reddit's first updates may reach the
        // correlator before fastly's: then an outage opens under amazon's id and is merged into
        // fastly's once fastly's earlier incident joins it. Which comes first is timing; that
        // every change reaches the target in order, and how the outage ends, is not.
        assertThat(sent.get(0)).as("%s", sent).endsWith(" OPEN v1");
        assertThat(sent).as("%s", sent).contains("fastly-cfdcefd7c4e1 OPEN v1");
        assertThat(sent.get(sent.size() - 1)).startsWith("fastly-cfdcefd7c4e1 RESOLVED");
        assertThat(sent.stream().map(c -> c.substring(0, c.indexOf(' '))).distinct())
            .as("any other id was merged into fastly's or retracted: %s", sent)
            .allSatisfy(
                id ->
                    assertThat(
                            id.equals("fastly-cfdcefd7c4e1")
                                || sent.contains(id + " RETRACTED")
                                || sent.stream().anyMatch(c -> c.startsWith(id + " MERGED")))
                        .isTrue());
        assertThat(server.attempts("hooks")).isGreaterThan(sent.size());
        assertThat(Files.readString(run.log()))
            .contains("tandem: notifying hooks (webhook, http://127.0.0.1:")
            .doesNotContain("/hooks");
      }
    }
  }

  private static String change(JsonNode outage) {
    return outage.get("id").asText()
        + " "
        + outage.get("state").asText()
        + (outage.has("version") ? " v" + outage.get("version").asInt() : "");
  }

  private static Scenario fastly() {
    return Scenario.bundled().stream()
        .filter(s -> s.name().equals("fastly-2021-06-08"))
        .findFirst()
        .orElseThrow();
  }
}
