package dev.tandem.pipeline;

import dev.tandem.alert.CorrelateProcessor;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.normalize.Normalizer;
import dev.tandem.raw.RawStatus;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Tandem's real topology on Kafka Streams' TopologyTestDriver, with the real serdes over an
 * in-memory registry and the same Streams settings as a real run, but no broker and no registry
 * server: pipe raw records in, read what came out. Each read returns what was published since the
 * previous read of that topic. Evaluation, explain and the topology tests all replay through it.
 */
public final class OfflinePipeline implements AutoCloseable {

  public static final TandemTopics TOPICS = TandemTopics.DEFAULTS;

  private final Path stateDir;
  private final AvroSerdes avro;
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> raw;

  private OfflinePipeline(
      Path stateDir,
      CorrelationSettings settings,
      DependencyGraph graph,
      Duration dedupeRetention) {
    this.stateDir = stateDir;
    this.avro = new AvroSerdes(new InMemorySchemaRegistryClient(), Map.of());
    Correlator correlator = new Correlator(settings, graph);
    this.driver =
        new TopologyTestDriver(
            TandemTopology.build(
                TOPICS, avro, Normalizer.withDefaultAdapters(), correlator, dedupeRetention),
            streamsProperties(stateDir));
    this.raw =
        driver.createInputTopic(TOPICS.raw(), new StringSerializer(), new ByteArraySerializer());
  }

  /** The shipped settings, dependency graph and dedupe retention. */
  public static OfflinePipeline start() {
    return start(
        CorrelationSettings.DEFAULTS,
        DependencyGraph.defaults(),
        new TandemConfig(Map.of()).dedupeRetention());
  }

  public static OfflinePipeline start(
      CorrelationSettings settings, DependencyGraph graph, Duration dedupeRetention) {
    try {
      return new OfflinePipeline(
          Files.createTempDirectory("tandem-offline"), settings, graph, dedupeRetention);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh topology fed these records in this order. */
  public static OfflinePipeline of(List<RawStatus> records) {
    OfflinePipeline run = start();
    run.pipe(records);
    return run;
  }

  /** Sends the records to the raw topic as a collector would: headers and record time from each. */
  public OfflinePipeline pipe(List<RawStatus> records) {
    for (RawStatus record : records) {
      ProducerRecord<String, byte[]> r = record.toProducerRecord(TOPICS.raw());
      raw.pipeInput(
          new TestRecord<>(r.key(), r.value(), r.headers(), Instant.ofEpochMilli(r.timestamp())));
      // The test driver's wall clock moves only when told: one settle per record, as a live stream
      // thread that takes one record per pass.
      driver.advanceWallClockTime(CorrelateProcessor.SETTLE_EVERY);
    }
    return this;
  }

  public List<TestRecord<String, StatusUpdate>> updates() {
    return driver
        .createOutputTopic(
            TOPICS.updates(),
            new StringDeserializer(),
            avro.forValues(StatusUpdate.class).deserializer())
        .readRecordsToList();
  }

  /** The last value of each incident published since the previous read. */
  public Map<String, Incident> incidents() {
    return driver
        .createOutputTopic(
            TOPICS.incidents(),
            new StringDeserializer(),
            avro.forValues(Incident.class).deserializer())
        .readKeyValuesToMap();
  }

  /** Every change of {@code tandem.outages} in order; a null value is a retraction. */
  public List<TestRecord<String, CorrelatedOutage>> outageChanges() {
    return driver
        .createOutputTopic(
            TOPICS.outages(),
            new StringDeserializer(),
            avro.forValues(CorrelatedOutage.class).deserializer())
        .readRecordsToList();
  }

  public List<TestRecord<String, byte[]>> deadLetters() {
    return driver
        .createOutputTopic(
            TOPICS.deadLetters(), new StringDeserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList();
  }

  public TestOutputTopic<String, String> outagesJson() {
    return driver.createOutputTopic(
        TOPICS.outagesJson(), new StringDeserializer(), new StringDeserializer());
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      try {
        Utils.delete(stateDir.toFile());
      } catch (IOException e) {
        // A leftover temporary directory is not worth failing a test for.
      }
    }
  }

  private static Properties streamsProperties(Path stateDir) {
    try {
      // The same Streams settings as a real run (exactly-once, exception handlers, dead-letter
      // topic).
      return TandemConfig.load(
              null,
              Map.of(),
              Map.of(
                  "bootstrap.servers", "unused:9092",
                  "schema.registry.url", "mock://in-memory",
                  "application.id", "tandem-offline",
                  "state.dir", stateDir.toString()))
          .streamsProperties();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
