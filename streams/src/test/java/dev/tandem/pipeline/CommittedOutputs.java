package dev.tandem.pipeline;

import dev.tandem.alert.OutageRecords;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.OutageState;
import dev.tandem.correlate.Outage;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a pipeline published to {@code tandem.incidents} and {@code tandem.outages}, as a
 * read_committed consumer sees it: records of aborted transactions (a killed instance's unfinished
 * work) are not there. Each topic's records are in offset order per partition, and one key always
 * lands in one partition, so the records of a key are its history in order.
 */
record CommittedOutputs(
    List<ConsumerRecord<String, Incident>> incidents,
    List<ConsumerRecord<String, CorrelatedOutage>> outages) {

  /**
   * Starts reading both topics from the beginning, as a downstream consumer would, while the
   * pipeline runs. Both are compacted: read only at the end, an incident's earlier changes may
   * already be cleaned away (its records carry vendor times days apart, so segments roll), and
   * duplicates or lost changes would go unseen.
   */
  static Follower follow(String bootstrapServers, TandemConfig config) {
    return new Follower(bootstrapServers, config);
  }

  /** Reads the outputs in the background until {@link #finish()}. */
  static final class Follower implements AutoCloseable {

    private final SchemaRegistryClient client;
    private final Thread thread;
    private final String outageTopic;
    private final List<ConsumerRecord<String, Object>> records = new ArrayList<>();
    private final java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    private volatile boolean finishing;
    private volatile boolean closed;

    private Follower(String bootstrapServers, TandemConfig config) {
      client = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
      SpecificAvroDeserializer<Incident> incidents =
          new SpecificAvroDeserializer<>(Incident.class, client);
      SpecificAvroDeserializer<CorrelatedOutage> outages =
          new SpecificAvroDeserializer<>(CorrelatedOutage.class, client);
      incidents.configure(config.registryConfig(), false);
      outages.configure(config.registryConfig(), false);
      String incidentTopic = config.topics().incidents();
      outageTopic = config.topics().outages();
      Deserializer<Object> values =
          new Deserializer<>() {
            @Override
            public Object deserialize(String topic, byte[] data) {
              return topic.equals(incidentTopic)
                  ? incidents.deserialize(topic, data)
                  : outages.deserialize(topic, data);
            }
          };
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      List<String> topics = List.of(incidentTopic, outageTopic);
      thread =
          new Thread(
              () -> {
                try (KafkaConsumer<String, Object> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), values)) {
                  List<TopicPartition> partitions = new ArrayList<>();
                  for (String topic : topics) {
                    // The topics exist: the test creates them before it starts the pipeline.
                    consumer
                        .partitionsFor(topic)
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                  }
                  consumer.assign(partitions);
                  consumer.seekToBeginning(partitions);
                  Map<TopicPartition, Long> end = null;
                  while (!closed) {
                    ConsumerRecords<String, Object> polled = consumer.poll(Duration.ofMillis(100));
                    synchronized (records) {
                      polled.forEach(records::add);
                    }
                    if (finishing && end == null) {
                      // For read_committed this is the last stable offset: everything committed by
                      // now.
                      end = consumer.endOffsets(partitions);
                    }
                    if (end != null && readTo(consumer, end)) {
                      done.complete(null);
                      return;
                    }
                  }
                } catch (RuntimeException e) {
                  done.completeExceptionally(e);
                }
              },
              "committed-outputs-follower");
      thread.setDaemon(true);
      thread.start();
    }

    private static boolean readTo(
        KafkaConsumer<String, Object> consumer, Map<TopicPartition, Long> end) {
      return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Reads on to the end of what is committed now, stops, and returns all it read. */
    @SuppressWarnings("unchecked")
    CommittedOutputs finish() throws Exception {
      finishing = true;
      done.get(60, java.util.concurrent.TimeUnit.SECONDS);
      List<ConsumerRecord<String, Object>> all;
      synchronized (records) {
        all = new ArrayList<>(records);
      }
      all.sort(
          Comparator.<ConsumerRecord<String, Object>>comparingInt(ConsumerRecord::partition)
              .thenComparingLong(ConsumerRecord::offset));
      List<ConsumerRecord<String, Incident>> incidents = new ArrayList<>();
      List<ConsumerRecord<String, CorrelatedOutage>> outages = new ArrayList<>();
      for (ConsumerRecord<String, Object> r : all) {
        if (r.topic().equals(outageTopic)) {
          outages.add((ConsumerRecord<String, CorrelatedOutage>) (ConsumerRecord<String, ?>) r);
        } else {
          incidents.add((ConsumerRecord<String, Incident>) (ConsumerRecord<String, ?>) r);
        }
      }
      return new CommittedOutputs(incidents, outages);
    }

    @Override
    public void close() throws Exception {
      closed = true;
      thread.join(10_000);
      client.close();
    }
  }

  /** Every value each incident key had, in order. */
  Map<String, List<Incident>> incidentHistories() {
    Map<String, List<Incident>> histories = new TreeMap<>();
    incidents.forEach(
        r -> histories.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
    return histories;
  }

  /** The last value of each incident. */
  Map<String, Incident> finalIncidents() {
    Map<String, Incident> last = new TreeMap<>();
    incidents.forEach(r -> last.put(r.key(), r.value()));
    return last;
  }

  /**
   * The outages that stand at the end (tombstones and MERGED records remove one), by id: the
   * content and whether it ended, not the version (how many revisions an outage went through
   * depends on the order its members arrived in).
   */
  Map<String, String> finalOutages() {
    Map<String, CorrelatedOutage> live = new TreeMap<>();
    for (ConsumerRecord<String, CorrelatedOutage> r : outages) {
      if (r.value() == null || r.value().getState() == OutageState.MERGED) {
        live.remove(r.key());
      } else {
        live.put(r.key(), r.value());
      }
    }
    return live.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> describe(e.getValue(), true), (a, b) -> a, TreeMap::new));
  }

  /**
   * The same without ids, keyed by member incidents: what correlation concluded, whichever member's
   * arrival named each outage.
   */
  Map<String, String> finalOutagesWithoutIds() {
    Map<String, CorrelatedOutage> live = new LinkedHashMap<>();
    for (ConsumerRecord<String, CorrelatedOutage> r : outages) {
      if (r.value() == null || r.value().getState() == OutageState.MERGED) {
        live.remove(r.key());
      } else {
        live.put(r.key(), r.value());
      }
    }
    return live.values().stream()
        .collect(
            Collectors.toMap(
                o ->
                    OutageRecords.fromAvro(o).outage().members().stream()
                        .map(Outage.Member::key)
                        .sorted()
                        .toList()
                        .toString(),
                o -> describe(o, false),
                (a, b) -> a + " | " + b,
                TreeMap::new));
  }

  /** An outage's content, state (open or how it ended) and, if asked, its id; not its version. */
  private static String describe(CorrelatedOutage avro, boolean withId) {
    Outage outage = OutageRecords.fromAvro(avro).outage();
    String state =
        avro.getState() == OutageState.OPEN || avro.getState() == OutageState.UPDATED
            ? "ACTIVE"
            : avro.getState().name();
    return state + " " + (withId ? outage : outage.withId("")).toString();
  }

  /**
   * (id, version) pairs published more than once, with how often. A retraction (tombstone) has no
   * version of its own: it counts as the one after the last version of its id, since an id that
   * comes back continues from its next version and may be retracted again.
   */
  Map<String, Long> duplicatedOutageVersions() {
    Map<String, Integer> lastVersion = new java.util.HashMap<>();
    List<String> published = new ArrayList<>();
    for (ConsumerRecord<String, CorrelatedOutage> r : outages) {
      if (r.value() == null) {
        published.add(r.key() + " retracted after v" + lastVersion.get(r.key()));
      } else {
        lastVersion.put(r.key(), r.value().getVersion());
        published.add(r.key() + " v" + r.value().getVersion());
      }
    }
    Map<String, Long> counts =
        published.stream()
            .collect(Collectors.groupingBy(p -> p, TreeMap::new, Collectors.counting()));
    counts.values().removeIf(n -> n < 2);
    return counts;
  }

  /**
   * (key, update count) pairs published more than once: an incident changes only with a new update.
   */
  Map<String, Long> duplicatedIncidentVersions() {
    return duplicates(
        incidents,
        r -> r.key() + " #" + (r.value() == null ? "tombstone" : r.value().getUpdateCount()));
  }

  private static <V> Map<String, Long> duplicates(
      List<ConsumerRecord<String, V>> records,
      Function<ConsumerRecord<String, V>, String> identity) {
    Map<String, Long> counts =
        records.stream()
            .collect(Collectors.groupingBy(identity, TreeMap::new, Collectors.counting()));
    counts.values().removeIf(n -> n < 2);
    return counts;
  }

  String summary() {
    return incidents.size()
        + " incident changes ("
        + finalIncidents().size()
        + " incidents), "
        + outages.size()
        + " outage changes ("
        + finalOutages().size()
        + " outages)";
  }
}
