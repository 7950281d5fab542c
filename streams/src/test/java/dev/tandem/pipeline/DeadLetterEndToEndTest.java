package dev.tandem.pipeline;

import static dev.tandem.testing.TopicRecords.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on a real broker: an unreadable raw document and a corrupt Avro update both end in the
 * dead-letter topic with the reason in their headers, and the pipeline keeps running.
 */
@ExtendWith(KafkaStack.class)
class DeadLetterEndToEndTest {

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndThePipelineKeepsRunning(@TempDir Path stateDir)
      throws Exception {
    TandemConfig config = KafkaStack.pipelineConfig("e2e-dlq", stateDir);
    TandemTopics topics = config.topics();
    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
        ProducerRecord<String, byte[]> notJson =
            new ProducerRecord<>(
                topics.raw(),
                "openai",
                "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
        notJson.headers().add("tandem.format", "statuspage".getBytes(StandardCharsets.UTF_8));
        producer.send(notJson).get();
        producer
            .send(
                new ProducerRecord<>(
                    topics.updates(), "openai", new byte[] {0, 0, 0, 0, 42, 1, 2, 3}))
            .get();
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
        assertThat(
                new PipelineProgress(admin, app.applicationId(), topics)
                    .awaitCaughtUp(Duration.ofMinutes(1)))
            .isTrue();
      }
      assertThat(app.streams().state().isRunningOrRebalancing()).isTrue();
    }

    List<ConsumerRecord<String, byte[]>> dead = TopicRecords.read(topics.deadLetters(), 2);
    assertThat(dead).hasSize(2);
    ConsumerRecord<String, byte[]> unreadable =
        dead.stream()
            .filter(r -> "normalize".equals(header(r, "tandem.error.stage")))
            .findFirst()
            .orElseThrow();
    assertThat(new String(unreadable.value(), StandardCharsets.UTF_8))
        .isEqualTo("<html>502 Bad Gateway</html>");
    assertThat(header(unreadable, "tandem.error.reason")).isNotBlank();
    assertThat(header(unreadable, "tandem.format")).isEqualTo("statuspage");
    ConsumerRecord<String, byte[]> corrupt =
        dead.stream().filter(r -> r != unreadable).findFirst().orElseThrow();
    assertThat(corrupt.value()).containsExactly(0, 0, 0, 0, 42, 1, 2, 3);
    assertThat(header(corrupt, "tandem.error.stage")).isEqualTo("deserialize " + topics.updates());
    assertThat(header(corrupt, "tandem.error.reason"))
        .startsWith("cannot deserialize a record of " + topics.updates());
    assertThat(header(corrupt, "tandem.error.class"))
        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
    // Both counted on /metrics, by stage and reason.
    assertThat(deadLetters(STAGE_NORMALIZE, "ParseFailure")).isPositive();
    assertThat(deadLetters("deserialize " + topics.updates(), "SerializationException"))
        .isPositive();
  }

  private static final String STAGE_NORMALIZE = "normalize";

  /** Where Tandem's meters go while these tests run, as /metrics adds its registry. */
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  @org.junit.jupiter.api.BeforeEach
  void countMeters() {
    io.micrometer.core.instrument.Metrics.addRegistry(meters);
  }

  @org.junit.jupiter.api.AfterEach
  void stopCounting() {
    io.micrometer.core.instrument.Metrics.removeRegistry(meters);
  }

  private double deadLetters(String stage, String reason) {
    var counter =
        meters.find("tandem.dead.letters").tag("stage", stage).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * Input that would make records the broker refuses: an update whose vendor time lies days in the
   * future (the broker refuses timestamps more than an hour ahead) and one whose text would make
   * its incident's history too large for a record. Neither may stop the pipeline: the future time
   * is clamped to the receive time with the vendor's value kept in a header, the text is cut with a
   * header saying so, and what follows is processed.
   */
  @Test
  void recordsTheBrokerWouldRefuseNeverStopThePipeline(@TempDir Path stateDir) throws Exception {
    TandemConfig config = KafkaStack.pipelineConfig("e2e-refused", stateDir);
    TandemTopics topics = config.topics();
    java.time.Instant now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    java.time.Instant future = now.plus(Duration.ofDays(2));
    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
        producer
            .send(canonical(topics.raw(), "acme", "acme-future", "u1", "typo", future, future))
            .get();
        // 40 updates of 20,000 characters each: 800,000 characters of history for one incident.
        for (int i = 0; i < 40; i++) {
          producer
              .send(
                  canonical(
                      topics.raw(),
                      "bigco",
                      "bigco-huge",
                      "u" + i,
                      "update " + i + " " + "x".repeat(20_000),
                      now,
                      now.plusSeconds(i)))
              .get();
        }
        producer.send(canonical(topics.raw(), "acme", "acme-after", "u1", "fine", now, now)).get();
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
        assertThat(
                new PipelineProgress(admin, app.applicationId(), topics)
                    .awaitCaughtUp(Duration.ofMinutes(1)))
            .isTrue();
      }
      assertThat(app.streams().state().isRunningOrRebalancing()).as("still running").isTrue();
    }

    List<ConsumerRecord<String, byte[]>> updates = TopicRecords.read(topics.updates(), 42);
    assertThat(updates).hasSize(42);
    ConsumerRecord<String, byte[]> clamped =
        updates.stream()
            .filter(r -> header(r, "tandem.vendor-updated-at") != null)
            .findFirst()
            .orElseThrow();
    assertThat(header(clamped, "tandem.vendor-updated-at")).isEqualTo(future.toString());
    assertThat(header(clamped, "tandem.vendor-started-at")).isEqualTo(future.toString());
    assertThat(clamped.timestamp())
        .as("stamped with the receive time")
        .isLessThanOrEqualTo(System.currentTimeMillis());
    List<ConsumerRecord<String, byte[]>> cut =
        updates.stream().filter(r -> "body".equals(header(r, "tandem.truncated"))).toList();
    assertThat(cut).hasSize(40).allSatisfy(r -> assertThat(r.value().length).isLessThan(20_000));
    assertThat(updates)
        .filteredOn(r -> r.key().equals("acme"))
        .as("the update after them went through")
        .hasSize(2);
    assertThat(TopicRecords.read(topics.incidents(), 42))
        .hasSize(42)
        .as("acme's two incidents and bigco's one, its history in one record")
        .extracting(ConsumerRecord::key)
        .contains("acme/acme-future", "acme/acme-after", "bigco/bigco-huge");
  }

  /** A raw record carrying one update in Tandem's canonical format. */
  private static ProducerRecord<String, byte[]> canonical(
      String topic,
      String provider,
      String incidentId,
      String updateId,
      String body,
      java.time.Instant startedAt,
      java.time.Instant updatedAt) {
    String json =
        "{\"provider\":\""
            + provider
            + "\",\"incidentId\":\""
            + incidentId
            + "\",\"updateId\":\""
            + updateId
            + "\","
            + "\"title\":\"Elevated errors\",\"status\":\"INVESTIGATING\",\"impact\":\"MAJOR\","
            + "\"components\":[],\"body\":\""
            + body
            + "\",\"startedAt\":\""
            + startedAt
            + "\",\"updatedAt\":\""
            + updatedAt
            + "\"}";
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, provider, json.getBytes(StandardCharsets.UTF_8));
    record.headers().add("tandem.format", "tandem".getBytes(StandardCharsets.UTF_8));
    return record;
  }
}
