package dev.tandem.bench;

import dev.tandem.raw.RawStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A run's input topic, the same kind for the ceiling and for Tandem (same partitions, {@code
 * LogAppendTime}), filled before the application starts, so that throughput is the application's
 * and not the producer's.
 */
final class RawTopic {

  private RawTopic() {}

  /**
   * Creates the topics with the settings Tandem's own setup gives its raw topic ({@code
   * LogAppendTime}: the simulated records carry event times months old, which time-based retention
   * would otherwise delete at once).
   */
  static void create(String bootstrapServers, int partitions, String... names) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(
          new NewTopic(name, Optional.of(partitions), Optional.empty())
              .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")));
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(topics).all().get();
      for (String name : names) {
        awaitLeaders(admin, name, partitions);
      }
    } catch (ExecutionException e) {
      throw new KafkaException("could not create " + List.of(names), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }

  /**
   * Waits until every partition has a leader: records sent to a partition whose leader is being
   * elected come back NOT_LEADER_OR_FOLLOWER, and their retry can arrive behind later batches.
   */
  private static void awaitLeaders(Admin admin, String topic, int partitions)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        if (d.partitions().size() == partitions
            && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        // Not known to the broker's metadata yet: ask again.
      }
      Thread.sleep(50);
    }
    throw new KafkaException(topic + " has no leader for every partition after 30 s");
  }

  /** Writes the records and waits until the broker has every one. */
  static void fill(String bootstrapServers, String topic, List<RawStatus> records) {
    try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      records.forEach(r -> sent.add(producer.send(r.toProducerRecord(topic))));
      producer.flush();
      for (Future<RecordMetadata> each : sent) {
        each.get();
      }
    } catch (ExecutionException e) {
      throw new KafkaException("could not fill " + topic + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while filling " + topic, e);
    }
  }

  static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // One request in flight: a retried batch cannot land behind a later one (which the broker
    // refuses as out of order, and the producer then retries until it times out).
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
