package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.OutageState;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.serde.SpecificAvroSerializer;
import dev.tandem.testing.KafkaStack;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications against a real broker and registry: {@code CorrelatedOutage} records produced to
 * the outages topic with the real serializer, delivered to a local HTTP server that fails first.
 */
@ExtendWith(KafkaStack.class)
class NotificationsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path stateDir;

  private static RecordingTarget server;
  private static PrometheusMeterRegistry metrics;
  private static SchemaRegistryClient registry;
  private static Admin admin;

  @BeforeAll
  static void start() {
    server = new RecordingTarget();
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(metrics);
    registry =
        RestSchemaRegistryClient.fromConfigs(
            Map.of("schema.registry.url", KafkaStack.registryUrl()));
    admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    Metrics.removeRegistry(metrics);
    server.close();
    registry.close();
    admin.close();
  }

  @Test
  void everyTargetGetsEachOutageInOrderThroughFailuresWhileOneStaysDown() throws Exception {
    TandemConfig config =
        config(
            "notify-all",
            pairs(
                "tandem.notify.targets", "flaky,chat,pager,am,down,refusing",
                "tandem.notify.dashboard.url", "https://tandem.example.com",
                "tandem.notify.flaky.type", "webhook",
                "tandem.notify.flaky.url", server.path("flaky", 200, 500, 503, 429),
                "tandem.notify.chat.type", "slack",
                "tandem.notify.chat.url", server.path("chat", 200),
                "tandem.notify.pager.type", "pagerduty",
                "tandem.notify.pager.url", server.path("pager", 202),
                "tandem.notify.pager.routing.key", "R0UT1NGKEY",
                "tandem.notify.am.type", "alertmanager",
                "tandem.notify.am.url", server.path("am", 200),
                "tandem.notify.down.type", "webhook",
                "tandem.notify.down.url", server.path("down", 503),
                "tandem.notify.refusing.type", "webhook",
                "tandem.notify.refusing.url", server.path("refusing", 400)));
    String a = "fastly-cfdcefd7c4e1";
    String b = "meta-0123456789ab";

    try (Notifications notifications = started(config)) {
      publish(
          config,
          outage(a, OutageState.OPEN, 1),
          outage(b, OutageState.OPEN, 1),
          // People read a change here (the confidence), and nothing new in v3 and v5: only the
          // phase's name, then the explanation of an outage already resolved.
          outage(a, OutageState.UPDATED, 2, 0.99),
          outage(a, OutageState.UPDATED, 3, 0.99),
          tombstone(b),
          outage(a, OutageState.RESOLVED, 4, 0.99),
          change(
              CorrelatedOutage.newBuilder(outage(a, OutageState.RESOLVED, 5, 0.99).value())
                  .setExplanation(List.of("the background rate moved"))
                  .build()));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(server.taken("flaky")).hasSize(7);
                assertThat(server.taken("chat")).hasSize(5);
                assertThat(server.taken("pager")).hasSize(5);
                assertThat(server.taken("am")).hasSize(7);
                assertThat(server.attempts("refusing")).isEqualTo(7);
              });

      // The target that stays down held back none of the others, and is still being retried.
      assertThat(server.taken("down")).isEmpty();
      await().atMost(WAIT).until(() -> server.attempts("down") >= 3);
    }

    assertThat(server.attempts("flaky")).isGreaterThanOrEqualTo(8);
    Map<String, List<String>> webhook =
        byOutage(
            server.taken("flaky"),
            n -> n.get("id").asText(),
            n ->
                n.get("state").asText()
                    + (n.has("version") ? " v" + n.get("version").asInt() : ""));
    assertThat(webhook.get(a))
        .containsExactly("OPEN v1", "UPDATED v2", "UPDATED v3", "RESOLVED v4", "RESOLVED v5");
    assertThat(webhook.get(b)).containsExactly("OPEN v1", "RETRACTED");

    Map<String, List<String>> pager =
        byOutage(
            server.taken("pager"),
            n -> n.get("dedup_key").asText(),
            n -> n.get("event_action").asText());
    assertThat(pager.get(a)).containsExactly("trigger", "trigger", "resolve");
    assertThat(pager.get(b)).containsExactly("trigger", "resolve");
    assertThat(JSON.readTree(server.taken("pager").get(0)).get("routing_key").asText())
        .isEqualTo("R0UT1NGKEY");

    Map<String, List<String>> am =
        byOutage(
            server.taken("am"),
            n -> n.get("alerts").get(0).get("labels").get("outage_id").asText(),
            n -> n.get("status").asText());
    assertThat(am.get(a)).containsExactly("firing", "firing", "firing", "resolved", "resolved");
    assertThat(am.get(b)).containsExactly("firing", "resolved");

    // Chat and pager were told each thing once: v1, the new confidence of v2, the end in v4.
    assertThat(server.taken("chat"))
        .extracting(body -> JSON.readTree(body).get("text").asText())
        .filteredOn(text -> text.contains("amazon, fastly, github"))
        .satisfiesExactly(
            v1 -> assertThat(v1).startsWith("Correlated outage: ").contains("confidence 0.97"),
            v2 -> assertThat(v2).startsWith("Correlated outage updated: ").contains("0.99"),
            v4 -> assertThat(v4).startsWith("Correlated outage resolved: "));
    assertThat(server.taken("chat"))
        .anySatisfy(
            body ->
                assertThat(body)
                    .contains("Correlated outage: amazon, fastly, github")
                    .contains("https://tandem.example.com/#outage=" + a));

    String scraped = metrics.scrape();
    assertThat(scraped)
        .contains("tandem_notifications_total{outcome=\"sent\",target=\"flaky\"} 7.0")
        .contains("tandem_notifications_total{outcome=\"sent\",target=\"pager\"} 5.0")
        .contains("tandem_notifications_total{outcome=\"failed\",target=\"refusing\"} 7.0")
        .containsPattern("tandem_notification_retries_total\\{target=\"flaky\"} [3-9]");
  }

  @Test
  void minimumConfidenceAndProviderFiltersChooseWhatIsSent() throws Exception {
    TandemConfig config =
        config(
            "notify-filters",
            pairs(
                "tandem.notify.targets", "picky",
                "tandem.notify.picky.type", "webhook",
                "tandem.notify.picky.url", server.path("picky", 200),
                "tandem.notify.picky.min.confidence", "0.9",
                "tandem.notify.picky.providers", "amazon"));

    try (Notifications notifications = started(config)) {
      publish(
          config,
          change(Outages.outage("low-1", OutageState.OPEN, 1, 0.5, "amazon", "amazon", "github")),
          change(
              Outages.outage("other-1", OutageState.OPEN, 1, 0.99, "fastly", "fastly", "github")),
          change(
              Outages.outage("match-1", OutageState.OPEN, 1, 0.95, "amazon", "amazon", "github")),
          change(
              Outages.outage("low-1", OutageState.RESOLVED, 2, 0.5, "amazon", "amazon", "github")),
          change(
              Outages.outage(
                  "match-1", OutageState.RESOLVED, 2, 0.6, "amazon", "amazon", "github")));

      awaitEverythingCommitted(config, "picky");
    }

    assertThat(server.taken("picky"))
        .extracting(
            body ->
                JSON.readTree(body).get("id").asText()
                    + " "
                    + JSON.readTree(body).get("state").asText())
        .containsExactly("match-1 OPEN", "match-1 RESOLVED");
  }

  @Test
  void aRestartWhileTheTargetFailsLosesNothingAndKeepsTheOrder() throws Exception {
    TandemConfig config =
        config(
            "notify-restart",
            pairs(
                "tandem.notify.targets", "restarted",
                "tandem.notify.restarted.type", "webhook",
                "tandem.notify.restarted.url", server.path("restart", 503)));
    String a = "fastly-cfdcefd7c4e1";
    String b = "meta-0123456789ab";

    try (Notifications first = started(config)) {
      publish(
          config,
          outage(a, OutageState.OPEN, 1),
          outage(a, OutageState.UPDATED, 2),
          outage(b, OutageState.OPEN, 1));
      await().atMost(WAIT).until(() -> server.attempts("restart") >= 2);
    }
    // While no notifier runs: more changes, and the target comes back.
    publish(config, outage(a, OutageState.RESOLVED, 3), outage(b, OutageState.RESOLVED, 2));
    server.answer("restart", 200);

    try (Notifications second = started(config)) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<String, List<String>> taken = versions(server.taken("restart"));
                assertThat(taken.get(a)).containsExactly("OPEN v1", "UPDATED v2", "RESOLVED v3");
                assertThat(taken.get(b)).containsExactly("OPEN v1", "RESOLVED v2");
              });
    }
  }

  /** Each outage's notifications in the order taken, a repeat in a row (at least once) as one. */
  private static Map<String, List<String>> versions(List<String> bodies) throws Exception {
    Map<String, List<String>> all =
        byOutage(
            bodies,
            n -> n.get("id").asText(),
            n -> n.get("state").asText() + " v" + n.get("version").asInt());
    Map<String, List<String>> collapsed = new LinkedHashMap<>();
    all.forEach(
        (id, list) -> {
          List<String> once = new ArrayList<>();
          for (String v : list) {
            if (once.isEmpty() || !once.get(once.size() - 1).equals(v)) {
              once.add(v);
            }
          }
          collapsed.put(id, once);
        });
    return collapsed;
  }

  private interface Field {
    String of(JsonNode node);
  }

  private static Map<String, List<String>> byOutage(List<String> bodies, Field id, Field what)
      throws Exception {
    Map<String, List<String>> byId = new LinkedHashMap<>();
    for (String body : bodies) {
      JsonNode node = JSON.readTree(body);
      byId.computeIfAbsent(id.of(node), k -> new ArrayList<>()).add(what.of(node));
    }
    return byId;
  }

  private static Notifications started(TandemConfig config) throws InterruptedException {
    Notifications notifications = Notifications.prepare(config).start();
    assertThat(notifications.awaitAssigned(WAIT)).as("consumers assigned").isTrue();
    return notifications;
  }

  /** Until the target's group has committed every record of the topic. */
  private static void awaitEverythingCommitted(TandemConfig config, String target) {
    String topic = config.topics().outages();
    String group = config.streamsProperties().getProperty("application.id") + "-notify-" + target;
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Map<TopicPartition, OffsetAndMetadata> committed =
                  admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
              Map<TopicPartition, OffsetSpec> latest =
                  committed.keySet().stream()
                      .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
              var ends = admin.listOffsets(latest).all().get();
              assertThat(committed).hasSize(2);
              committed.forEach(
                  (partition, offset) ->
                      assertThat(offset.offset()).isEqualTo(ends.get(partition).offset()));
            });
  }

  private static TandemConfig config(String prefix, Map<String, String> notify) throws Exception {
    Map<String, String> values =
        new HashMap<>(KafkaStack.pipelineConfig(prefix, stateDir).values());
    values.putAll(notify);
    values.put("tandem.notify.retry.backoff.ms", "20");
    values.put("tandem.notify.retry.backoff.max.ms", "200");
    values.put("tandem.notify.timeout.ms", "5000");
    TandemConfig config = new TandemConfig(values);
    String topic = config.topics().outages();
    if (!admin.listTopics().names().get().contains(topic)) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    return config;
  }

  /** One record of the outages topic: an outage change, or a retraction (no value). */
  private record Change(String id, CorrelatedOutage value) {}

  private static Change outage(String id, OutageState state, int version) {
    return outage(id, state, version, 0.97);
  }

  private static Change outage(String id, OutageState state, int version, double confidence) {
    String cause = id.substring(0, id.indexOf('-'));
    return change(Outages.outage(id, state, version, confidence, cause, "amazon", cause, "github"));
  }

  private static Change change(CorrelatedOutage outage) {
    return new Change(outage.getId(), outage);
  }

  private static Change tombstone(String id) {
    return new Change(id, null);
  }

  /** With the real serializer, keyed by outage id as the pipeline writes them. */
  private static void publish(TandemConfig config, Change... changes) throws Exception {
    SpecificAvroSerializer<CorrelatedOutage> values = new SpecificAvroSerializer<>(registry);
    values.configure(config.registryConfig(), false);
    try (KafkaProducer<String, CorrelatedOutage> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaStack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            values)) {
      for (Change change : changes) {
        producer
            .send(new ProducerRecord<>(config.topics().outages(), change.id(), change.value()))
            .get();
      }
    }
  }

  private static Map<String, String> pairs(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
