package dev.tandem.evaluate;

import dev.tandem.alert.OutageRecords;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.normalize.Normalizer;
import dev.tandem.pipeline.AvroSerdes;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemTopics;
import dev.tandem.pipeline.TandemTopology;
import dev.tandem.raw.RawStatus;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs raw status records through Tandem's real topology in Kafka Streams' TopologyTestDriver: no
 * broker, no registry server, but exactly the production logic, so what evaluation measures is what
 * runs.
 */
public final class OfflineReplay {

  private static final TandemTopics TOPICS = TandemTopics.DEFAULTS;

  private final CorrelationSettings settings;
  private final DependencyGraph graph;
  private final Duration dedupeRetention;

  public OfflineReplay(
      CorrelationSettings settings, DependencyGraph graph, Duration dedupeRetention) {
    this.settings = settings;
    this.graph = graph;
    this.dedupeRetention = dedupeRetention;
  }

  /** The shipped settings and dependency graph. */
  public static OfflineReplay withDefaults() {
    return new OfflineReplay(
        CorrelationSettings.DEFAULTS,
        DependencyGraph.defaults(),
        new TandemConfig(Map.of()).dedupeRetention());
  }

  /**
   * Pipes the records, in the given order, into a fresh topology and collects what it published.
   */
  public ReplayOutcome replay(List<RawStatus> records) {
    Path stateDir;
    try {
      stateDir = Files.createTempDirectory("tandem-evaluate");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return replay(records, stateDir);
    } finally {
      deleteQuietly(stateDir);
    }
  }

  private ReplayOutcome replay(List<RawStatus> records, Path stateDir) {
    AvroSerdes avro = new AvroSerdes(new InMemorySchemaRegistryClient(), Map.of());
    Correlator correlator = new Correlator(settings, graph);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            TandemTopology.build(
                TOPICS, avro, Normalizer.withDefaultAdapters(), correlator, dedupeRetention),
            streamsProperties(stateDir))) {
      TestInputTopic<String, byte[]> raw =
          driver.createInputTopic(TOPICS.raw(), new StringSerializer(), new ByteArraySerializer());
      for (RawStatus record : records) {
        ProducerRecord<String, byte[]> r = record.toProducerRecord(TOPICS.raw());
        raw.pipeInput(
            new TestRecord<>(r.key(), r.value(), r.headers(), Instant.ofEpochMilli(r.timestamp())));
      }

      List<ReplayOutcome.PublishedChange> changes = new ArrayList<>();
      for (TestRecord<String, CorrelatedOutage> r :
          driver
              .createOutputTopic(
                  TOPICS.outages(),
                  new StringDeserializer(),
                  avro.forValues(CorrelatedOutage.class).deserializer())
              .readRecordsToList()) {
        changes.add(
            new ReplayOutcome.PublishedChange(
                r.key(),
                r.value() == null ? null : OutageRecords.fromAvro(r.value()),
                r.getRecordTime()));
      }
      Map<String, Incident> incidents =
          driver
              .createOutputTopic(
                  TOPICS.incidents(),
                  new StringDeserializer(),
                  avro.forValues(Incident.class).deserializer())
              .readKeyValuesToMap();
      Map<String, Instant> firstUpdates = new HashMap<>();
      for (StatusUpdate u :
          driver
              .createOutputTopic(
                  TOPICS.updates(),
                  new StringDeserializer(),
                  avro.forValues(StatusUpdate.class).deserializer())
              .readValuesToList()) {
        firstUpdates.merge(
            u.getProvider() + "/" + u.getIncidentId(),
            u.getUpdatedAt(),
            (a, b) -> a.isBefore(b) ? a : b);
      }
      int deadLetters =
          driver
              .createOutputTopic(
                  TOPICS.deadLetters(), new StringDeserializer(), Serdes.ByteArray().deserializer())
              .readRecordsToList()
              .size();
      return new ReplayOutcome(changes, incidents, firstUpdates, deadLetters);
    }
  }

  private static Properties streamsProperties(Path stateDir) {
    try {
      // The same Streams settings as a real run; the broker and registry addresses are never used.
      return TandemConfig.load(
              null,
              Map.of(),
              Map.of(
                  "bootstrap.servers", "unused:9092",
                  "schema.registry.url", "mock://in-memory",
                  "application.id", "tandem-evaluate",
                  "state.dir", stateDir.toString()))
          .streamsProperties();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing an evaluation for.
    }
  }
}
