package dev.tandem.demo;

import dev.tandem.collect.RawStatus;
import dev.tandem.collect.RawStatusPublisher;
import dev.tandem.contract.Incident;
import dev.tandem.pipeline.PipelineProgress;
import dev.tandem.pipeline.TandemTopics;
import dev.tandem.scenario.Scenario;
import dev.tandem.scenario.ScenarioEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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

  public ScenarioReplay(String bootstrapServers, TandemTopics topics, String applicationId, Deserializer<Incident> incidentDeserializer) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.applicationId = applicationId;
    this.incidentDeserializer = incidentDeserializer;
  }

  /** The envelopes of all scenarios in arrival order (a stable merge by {@code receivedAt}). */
  public static List<RawStatus> records(List<Scenario> scenarios) {
    return scenarios.stream()
        .flatMap(s -> s.envelopes().stream())
        .sorted(Comparator.comparing(ScenarioEnvelope::receivedAt))
        .map(ScenarioEnvelope::toRawStatus)
        .toList();
  }

  /**
   * Publishes the records, waits for the pipeline to catch up, and returns what it published.
   *
   * @param onOutage called for each outage change as it is read, in order
   */
  public ReplayResult replay(List<RawStatus> records, Duration timeout, Consumer<ReplayResult.PublishedOutage> onOutage)
      throws InterruptedException {
    Properties producer = new Properties();
    producer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (RawStatusPublisher publisher = new RawStatusPublisher(producer, topics.raw())) {
      publisher.publishAll(records);
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      if (!new PipelineProgress(admin, applicationId, topics).awaitCaughtUp(timeout)) {
        throw new TimeoutException("the pipeline did not process the replayed records within " + timeout.toSeconds() + " s");
      }
    }
    List<ReplayResult.PublishedOutage> outages = new ArrayList<>();
    for (ConsumerRecord<String, String> r : readAll(topics.outagesJson(), new StringDeserializer())) {
      ReplayResult.PublishedOutage outage = new ReplayResult.PublishedOutage(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()));
      outages.add(outage);
      onOutage.accept(outage);
    }
    Map<String, Incident> incidents = new LinkedHashMap<>();
    for (ConsumerRecord<String, Incident> r : readAll(topics.incidents(), incidentDeserializer)) {
      incidents.put(r.key(), r.value());
    }
    return new ReplayResult(outages, List.copyOf(incidents.values()));
  }

  /** Every committed record of a topic, from the beginning to its current end. */
  private <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reachedEnd(consumer, ends) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    // Offset order within a partition is the order a key's values were written; the demo uses one partition.
    records.sort(Comparator.<ConsumerRecord<String, V>>comparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    Set<TopicPartition> behind = ends.entrySet().stream()
        .filter(e -> consumer.position(e.getKey()) < e.getValue())
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    return behind.isEmpty();
  }
}
