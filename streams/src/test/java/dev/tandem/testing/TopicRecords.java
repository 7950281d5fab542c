package dev.tandem.testing;

import dev.tandem.pipeline.TopicSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a test reads back from a topic: {@link TopicSnapshot}s (every committed record, from the
 * beginning), taken again until one holds the records the test waits for. Records are written
 * asynchronously by a pipeline or a command, so a single snapshot could come too early.
 */
public final class TopicRecords {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private TopicRecords() {}

  /** Creates a one-partition topic on the {@link KafkaStack} broker. */
  public static void create(String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  /**
   * The committed records of a {@link KafkaStack} topic, once at least {@code atLeast} arrived or
   * 30 s passed: the test asserts how many it expected.
   */
  public static List<ConsumerRecord<String, byte[]>> read(String topic, int atLeast) {
    Properties client = new Properties();
    client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
    return read(client, topic, ByteArrayDeserializer::new, atLeast);
  }

  /**
   * The same on any broker, e.g. one that wants credentials. A fresh deserializer per snapshot: a
   * consumer closes the one it was given.
   */
  public static <V> List<ConsumerRecord<String, V>> read(
      Properties client, String topic, Supplier<Deserializer<V>> values, int atLeast) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<ConsumerRecord<String, V>> records = TopicSnapshot.read(client, topic, values.get());
    while (records.size() < atLeast && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return records;
      }
      records = TopicSnapshot.read(client, topic, values.get());
    }
    return records;
  }

  /** A header's value as text; {@code null} when the record has none. */
  public static String header(ConsumerRecord<String, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
