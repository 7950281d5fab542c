package dev.tandem.demo;

import dev.tandem.collect.RawStatusPublisher;
import dev.tandem.contract.Incident;
import dev.tandem.pipeline.PipelineProgress;
import dev.tandem.pipeline.TandemTopics;
import dev.tandem.pipeline.TopicSnapshot;
import dev.tandem.raw.RawStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Replays scenarios into a running pipeline the way a collector would have delivered them (all
 * envelopes merged by arrival time), waits until the pipeline has processed everything, and reads
 * back what it published.
 */
public final class ScenarioReplay {

  private final String bootstrapServers;
  private final TandemTopics topics;
  private final String applicationId;
  private final Deserializer<Incident> incidentDeserializer;

  public ScenarioReplay(
      String bootstrapServers,
      TandemTopics topics,
      String applicationId,
      Deserializer<Incident> incidentDeserializer) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.applicationId = applicationId;
    this.incidentDeserializer = incidentDeserializer;
  }

  /**
   * Publishes the records, waits for the pipeline to catch up, and returns what it published. It
   * waits as long as the pipeline makes progress: only a pipeline that commits nothing new for
   * {@code stall} fails the replay, so a month of simulated traffic finishes however long it takes.
   *
   * @param onOutage called for each outage change as it is read, in order
   */
  public LiveOutputs replay(
      List<RawStatus> records, Duration stall, Consumer<LiveOutputs.PublishedOutage> onOutage)
      throws InterruptedException {
    Properties client = new Properties();
    client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    List<LiveOutputs.PublishedOutage> outages = new ArrayList<>();
    // The outage topics are compacted: an outage's earlier versions may be cleaned away soon after
    // they are written, so every change is read while the pipeline publishes it, not afterwards.
    try (KafkaConsumer<String, String> follower = outageFollower(client);
        RawStatusPublisher publisher = new RawStatusPublisher(client, topics.raw());
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      publisher.publishAll(records);
      PipelineProgress progress = new PipelineProgress(admin, applicationId, topics);
      long deadline = System.nanoTime() + stall.toNanos();
      long lastProgress = Long.MIN_VALUE;
      int caughtUp = 0;
      while (caughtUp < 2) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "the pipeline made no progress on the replayed records for "
                  + stall.toSeconds()
                  + " s");
        }
        int before = outages.size();
        follow(follower, outages, onOutage, Duration.ofMillis(200));
        long committed = progress.committedTotal();
        long measure = committed >= 0 ? committed : -1 - committed;
        if (measure > lastProgress || outages.size() > before) {
          lastProgress = Math.max(lastProgress, measure);
          deadline = System.nanoTime() + stall.toNanos();
        }
        caughtUp = committed >= 0 ? caughtUp + 1 : 0;
      }
      Map<TopicPartition, Long> ends = follower.endOffsets(follower.assignment());
      long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ends.entrySet().stream().anyMatch(e -> follower.position(e.getKey()) < e.getValue())
          && System.nanoTime() < drainDeadline) {
        follow(follower, outages, onOutage, Duration.ofMillis(100));
      }
    }
    Map<String, Incident> incidents = new LinkedHashMap<>();
    for (ConsumerRecord<String, Incident> r : readAll(topics.incidents(), incidentDeserializer)) {
      incidents.put(r.key(), r.value());
    }
    return new LiveOutputs(outages, List.copyOf(incidents.values()));
  }

  private KafkaConsumer<String, String> outageFollower(Properties client) {
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topics.outagesJson(), Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topics.outagesJson(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static void follow(
      KafkaConsumer<String, String> follower,
      List<LiveOutputs.PublishedOutage> outages,
      Consumer<LiveOutputs.PublishedOutage> onOutage,
      Duration poll) {
    for (ConsumerRecord<String, String> r : follower.poll(poll)) {
      LiveOutputs.PublishedOutage outage =
          new LiveOutputs.PublishedOutage(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()));
      outages.add(outage);
      onOutage.accept(outage);
    }
  }

  private <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return TopicSnapshot.read(props, topic, values);
  }
}
