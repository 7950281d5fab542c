package dev.tandem.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether the pipeline has processed everything on its input topics: the application's
 * committed offsets have reached the end of every partition it reads. The demo and the end-to-end
 * tests wait on it instead of sleeping.
 */
public final class PipelineProgress {

  private final Admin admin;
  private final String applicationId;
  private final List<String> sourceTopics;

  public PipelineProgress(Admin admin, String applicationId, TandemTopics topics) {
    this.admin = admin;
    this.applicationId = applicationId;
    this.sourceTopics =
        List.of(
            topics.raw(),
            topics.updates(),
            applicationId + "-" + TandemTopology.CORRELATE_INPUT + "-repartition");
  }

  /** Whether every source partition's committed offset has reached its end offset. */
  public boolean caughtUp() {
    return committedTotal() >= 0;
  }

  /**
   * The sum of the committed offsets over every source partition, a measure of progress that only
   * grows; or -1 - that sum while some partition's committed offset is short of its end.
   */
  public long committedTotal() {
    long total = 0;
    boolean behind = false;
    for (Position p : positions().values()) {
      total += p.committed();
      behind |= p.committed() < p.end();
    }
    return behind ? -1 - total : total;
  }

  /**
   * The source partitions whose committed offset is short of their end, as {@code topic-p
   * committed/end}: what a wait that timed out reports, so that a stuck partition is named.
   */
  public String behind() {
    List<String> behind = new ArrayList<>();
    positions()
        .forEach(
            (partition, p) -> {
              if (p.committed() < p.end()) {
                behind.add(partition + " " + p.committed() + "/" + p.end());
              }
            });
    return behind.isEmpty() ? "none" : String.join(", ", behind);
  }

  private record Position(long committed, long end) {}

  private Map<TopicPartition, Position> positions() {
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(existing()).allTopicNames().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      described
          .values()
          .forEach(
              d ->
                  d.partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(d.name(), p.partition()),
                                  OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, Position> positions =
          new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
      ends.forEach(
          (partition, end) -> {
            OffsetAndMetadata offset = committed.get(partition);
            positions.put(
                partition, new Position(offset == null ? 0 : offset.offset(), end.offset()));
          });
      return positions;
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not read the pipeline's progress: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
  }

  /**
   * Waits until {@link #caughtUp()} holds twice in a row (the stages feed each other), or the
   * timeout passes.
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int streak = 0;
    while (System.nanoTime() < deadline) {
      streak = caughtUp() ? streak + 1 : 0;
      if (streak >= 2) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private List<String> existing() throws ExecutionException, InterruptedException {
    List<String> names = new ArrayList<>(admin.listTopics().names().get());
    names.retainAll(sourceTopics);
    return names;
  }
}
