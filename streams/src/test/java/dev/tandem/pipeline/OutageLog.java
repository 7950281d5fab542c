package dev.tandem.pipeline;

import dev.tandem.alert.OutageRecords;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.OutageState;
import dev.tandem.correlate.Outage;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.serde.SpecificAvroDeserializer;
import dev.tandem.testing.KafkaStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;

/**
 * What a pipeline committed to its outage and incident topics on the shared test broker, read as a
 * consumer would (read_committed), between positions taken before and after a run.
 */
final class OutageLog {

  private OutageLog() {}

  /**
   * An outage as it stands at the end of a run, without its version (OPEN and UPDATED are both
   * OPEN).
   */
  record Standing(Outage outage, String state) {
    static Standing of(CorrelatedOutage value) {
      return new Standing(
          OutageRecords.fromAvro(value).outage(),
          value.getState() == OutageState.UPDATED
              ? OutageState.OPEN.name()
              : value.getState().name());
    }
  }

  /** Where each partition of a topic ends now, for {@link #outageChanges(TandemConfig, Map)}. */
  static Map<TopicPartition, Long> endOffsets(String topic) {
    Properties props = clientProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  /**
   * The committed outage changes since a position per partition (from the beginning where none is
   * given), each partition in offset order. Read once the pipeline stopped: all it wrote is there.
   */
  static List<ConsumerRecord<String, CorrelatedOutage>> outageChanges(
      TandemConfig config, Map<TopicPartition, Long> from) throws Exception {
    return read(config, config.topics().outages(), CorrelatedOutage.class, from);
  }

  static List<ConsumerRecord<String, CorrelatedOutage>> outageChanges(TandemConfig config)
      throws Exception {
    return outageChanges(config, Map.of());
  }

  /**
   * The last value of every outage id that stands at the end of these changes (tombstones and
   * MERGED records remove it).
   */
  static Map<String, Standing> standing(List<ConsumerRecord<String, CorrelatedOutage>> changes) {
    Map<String, Standing> live = new TreeMap<>();
    for (ConsumerRecord<String, CorrelatedOutage> change : changes) {
      if (change.value() == null || change.value().getState() == OutageState.MERGED) {
        live.remove(change.key());
      } else {
        live.put(change.key(), Standing.of(change.value()));
      }
    }
    return live;
  }

  /** A short account of how two sets of standing outages differ, for an assertion's message. */
  static String differences(Map<String, Standing> expected, Map<String, Standing> actual) {
    StringBuilder text = new StringBuilder();
    java.util.Set<String> ids = new java.util.TreeSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    for (String id : ids) {
      Standing e = expected.get(id);
      Standing a = actual.get(id);
      if (java.util.Objects.equals(e, a)) {
        continue;
      }
      text.append("\n")
          .append(id)
          .append(": expected ")
          .append(brief(e))
          .append("\n")
          .append(" ".repeat(id.length()))
          .append("  actual   ")
          .append(brief(a));
    }
    return text.toString();
  }

  private static String brief(Standing s) {
    return s == null
        ? "none"
        : s.state()
            + " "
            + s.outage().members().stream().map(Outage.Member::key).toList()
            + " confidence "
            + s.outage().confidence()
            + " p "
            + s.outage().coincidenceProbability()
            + " cause "
            + s.outage().cause().provider()
            + " "
            + s.outage().explanation().get(s.outage().explanation().size() - 1);
  }

  /** The last value of every incident, as its JSON (field by field comparable). */
  static Map<String, String> incidents(TandemConfig config) throws Exception {
    Map<String, String> last = new TreeMap<>();
    for (ConsumerRecord<String, Incident> r :
        read(config, config.topics().incidents(), Incident.class, Map.of())) {
      last.put(r.key(), r.value() == null ? null : dev.tandem.alert.OutageJson.toJson(r.value()));
    }
    return last;
  }

  private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> read(
      TandemConfig config, String topic, Class<T> type, Map<TopicPartition, Long> from)
      throws Exception {
    try (SchemaRegistryClient client =
            RestSchemaRegistryClient.fromConfigs(config.registryConfig());
        SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>(type, client)) {
      values.configure(config.registryConfig(), false);
      // One key always lands in one partition, so offset order per partition is each key's
      // history.
      return TopicSnapshot.read(clientProperties(), topic, values).stream()
          .filter(
              r -> r.offset() >= from.getOrDefault(new TopicPartition(topic, r.partition()), 0L))
          .toList();
    }
  }

  private static Properties clientProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
    return props;
  }

  /**
   * The last value of every outage id that still stands (tombstones and MERGED records remove it),
   * ignoring version and state.
   */
  static Map<String, Outage> finalOutages(List<TestRecord<String, CorrelatedOutage>> changes) {
    Map<String, Outage> live = new LinkedHashMap<>();
    for (TestRecord<String, CorrelatedOutage> change : changes) {
      if (change.value() == null
          || change.value().getState() == dev.tandem.contract.OutageState.MERGED) {
        live.remove(change.key());
      } else {
        live.put(change.key(), OutageRecords.fromAvro(change.value()).outage());
      }
    }
    return live;
  }

  /**
   * The outages that stand at the end by id, each with its state, without versions ({@link
   * OutageLog.Standing}).
   */
  static Map<String, OutageLog.Standing> standingOutages(
      List<TestRecord<String, CorrelatedOutage>> changes) {
    Map<String, OutageLog.Standing> standing = new java.util.TreeMap<>();
    for (TestRecord<String, CorrelatedOutage> change : changes) {
      if (change.value() == null
          || change.value().getState() == dev.tandem.contract.OutageState.MERGED) {
        standing.remove(change.key());
      } else {
        standing.put(change.key(), OutageLog.Standing.of(change.value()));
      }
    }
    return standing;
  }
}
