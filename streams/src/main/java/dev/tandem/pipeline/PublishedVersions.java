package dev.tandem.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The last version of every outage id on the outage topic, read once when the pipeline starts, so
 * that versions only grow across a {@code tandem reset}: the reprocess starts with an empty ledger
 * and would otherwise publish each id from version 1 again, over the earlier run's versions with
 * other content. Read from the JSON twin of the outage topic (same keys and versions, no registry
 * needed). A retraction (tombstone) counts one version past the record before it while that record
 * is still on the compacted topic.
 */
final class PublishedVersions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PublishedVersions() {}

  static Map<String, Integer> read(
      Map<String, Object> clientSettings, String topic, Duration timeout) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Map<String, Integer> versions = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, timeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new KafkaException(
              "could not read the outage versions on "
                  + topic
                  + " within "
                  + timeout.toSeconds()
                  + " s");
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            versions.computeIfPresent(r.key(), (id, v) -> v + 1);
          } else {
            versions.merge(r.key(), version(r), Math::max);
          }
        }
      }
    }
    return versions;
  }

  private static int version(ConsumerRecord<String, String> record) {
    try {
      JsonNode version = JSON.readTree(record.value()).get("version");
      return version == null ? 0 : version.asInt();
    } catch (IOException e) {
      // Not ours to judge: a record Tandem did not write counts as no version.
      return 0;
    }
  }
}
