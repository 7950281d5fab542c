package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.KafkaStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
  void unreadableRecordsGoToTheDeadLetterTopicAndThePipelineKeepsRunning(@TempDir Path stateDir) throws Exception {
    TandemConfig config = KafkaStack.pipelineConfig("e2e-dlq", stateDir);
    TandemTopics topics = config.topics();
    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
        ProducerRecord<String, byte[]> notJson = new ProducerRecord<>(topics.raw(), "openai", "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
        notJson.headers().add("tandem.format", "statuspage".getBytes(StandardCharsets.UTF_8));
        producer.send(notJson).get();
        producer.send(new ProducerRecord<>(topics.updates(), "openai", new byte[] {0, 0, 0, 0, 42, 1, 2, 3})).get();
      }
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
        assertThat(new PipelineProgress(admin, app.applicationId(), topics).awaitCaughtUp(Duration.ofMinutes(1))).isTrue();
      }
      assertThat(app.streams().state().isRunningOrRebalancing()).isTrue();
    }

    List<ConsumerRecord<String, byte[]>> dead = readAll(topics.deadLetters(), 2);
    ConsumerRecord<String, byte[]> unreadable = dead.stream().filter(r -> header(r, "tandem.error.stage").equals("normalize")).findFirst().orElseThrow();
    assertThat(new String(unreadable.value(), StandardCharsets.UTF_8)).isEqualTo("<html>502 Bad Gateway</html>");
    assertThat(header(unreadable, "tandem.error.reason")).isNotBlank();
    assertThat(header(unreadable, "tandem.format")).isEqualTo("statuspage");
    ConsumerRecord<String, byte[]> corrupt = dead.stream().filter(r -> r != unreadable).findFirst().orElseThrow();
    assertThat(corrupt.value()).containsExactly(0, 0, 0, 0, 42, 1, 2, 3);
    assertThat(header(corrupt, "tandem.error.stage")).isEqualTo("deserialize " + topics.updates());
    assertThat(header(corrupt, "tandem.error.reason")).startsWith("cannot deserialize a record of " + topics.updates());
    assertThat(header(corrupt, "tandem.error.class")).isEqualTo("org.apache.kafka.common.errors.SerializationException");
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize(expected);
    return records;
  }
}
