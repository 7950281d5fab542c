package dev.tandem.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has committed on one topic. Under exactly-once an application commits
 * its input offsets in the same transaction as its outputs, so "committed to the end of the input"
 * means "every output of every input record is readable read_committed".
 */
final class CommittedToEnd {

  private final Admin admin;
  private final String group;
  private final String topic;
  private final int partitions;

  CommittedToEnd(Admin admin, String group, String topic, int partitions) {
    this.admin = admin;
    this.group = group;
    this.topic = topic;
    this.partitions = partitions;
  }

  /** The sum of the group's committed offsets over the topic's partitions. */
  long committed() {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long total = 0;
      for (int p = 0; p < partitions; p++) {
        OffsetAndMetadata o = offsets.get(new TopicPartition(topic, p));
        total += o == null ? 0 : o.offset();
      }
      return total;
    } catch (ExecutionException e) {
      throw new KafkaException("could not read " + group + "'s offsets", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }

  /** The sum of the end offsets; the topic is filled before it is read, so this does not move. */
  long end() {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    try {
      long total = 0;
      for (ListOffsetsResultInfo info : admin.listOffsets(latest).all().get().values()) {
        total += info.offset();
      }
      return total;
    } catch (ExecutionException e) {
      throw new KafkaException("could not read " + topic + "'s end offsets", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }
}
