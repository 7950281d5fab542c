package dev.tandem.pipeline;

import dev.tandem.alert.CorrelateProcessor;
import dev.tandem.alert.Correlated;
import dev.tandem.alert.OutageJson;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentHistory;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.correlate.Correlator;
import dev.tandem.normalize.NormalizeProcessor;
import dev.tandem.normalize.Normalized;
import dev.tandem.normalize.Normalizer;
import dev.tandem.track.TrackProcessor;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Tandem's whole data flow (design §1) as one Kafka Streams topology: raw → normalize (+ dead
 * letters) → updates → track → incidents (written, and repartitioned to one partition) → correlate
 * → outages. Built from its configuration alone, so a TopologyTestDriver test drives exactly what
 * runs.
 */
public final class TandemTopology {

  /**
   * Name of the one-partition repartition topic that brings every provider's incidents together.
   */
  static final String CORRELATE_INPUT = "correlate-input";

  private TandemTopology() {}

  /** The topology over a one-partition raw topic (TopologyTestDriver, offline replays). */
  public static Topology build(
      TandemTopics topics,
      AvroSerdes avro,
      Normalizer normalizer,
      Correlator correlator,
      Duration dedupeRetention) {
    return build(topics, avro, normalizer, correlator, dedupeRetention, 1, 1, java.util.Map.of());
  }

  /**
   * @param dedupeRetention how long the normalize stage remembers an update id (7 days by default)
   * @param rawPartitions partitions of the raw topic and
   * @param updatePartitions of the updates topic: the ways in the correlate stage's clock waits for
   *     ({@link CorrelateProcessor})
   * @param publishedVersions the last version of each outage id already on the outage topic ({@link
   *     PublishedVersions})
   */
  public static Topology build(
      TandemTopics topics,
      AvroSerdes avro,
      Normalizer normalizer,
      Correlator correlator,
      Duration dedupeRetention,
      int rawPartitions,
      int updatePartitions,
      java.util.Map<String, Integer> publishedVersions) {
    Serde<String> strings = Serdes.String();
    Serde<StatusUpdate> updateSerde = avro.forValues(StatusUpdate.class);
    Serde<Incident> incidentSerde = avro.forValues(Incident.class);
    Serde<CorrelatedOutage> outageSerde = avro.forValues(CorrelatedOutage.class);
    StreamsBuilder builder = new StreamsBuilder();

    // normalize: vendor bytes → StatusUpdates, each once; unreadable records → dead-letter topic.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(NormalizeProcessor.SEEN_STORE), strings, Serdes.Long()));
    KStream<String, Normalized> normalized =
        builder.stream(topics.raw(), Consumed.with(strings, Serdes.ByteArray()).withName("raw"))
            .process(
                () -> new NormalizeProcessor(normalizer, dedupeRetention),
                NormalizeProcessor.SEEN_STORE);
    normalized
        .filter((k, v) -> v instanceof Normalized.Update)
        .mapValues(v -> ((Normalized.Update) v).update())
        .to(topics.updates(), Produced.with(strings, updateSerde));
    normalized
        .filter((k, v) -> v instanceof Normalized.Rejected)
        .mapValues(v -> ((Normalized.Rejected) v).original())
        .to(topics.deadLetters(), Produced.with(strings, Serdes.ByteArray()));

    // track: updates (keyed by provider) → each incident's lifecycle (keyed provider/incidentId).
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TrackProcessor.HISTORY_STORE),
            strings,
            avro.forValues(IncidentHistory.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(TrackProcessor.DEGRADATIONS_STORE), strings, strings));
    KStream<String, Incident> incidents =
        builder.stream(topics.updates(), Consumed.with(strings, updateSerde))
            .process(
                TrackProcessor::new,
                TrackProcessor.HISTORY_STORE,
                TrackProcessor.DEGRADATIONS_STORE);
    incidents.to(topics.incidents(), Produced.with(strings, incidentSerde));

    // correlate: every provider's incidents in one partition → correlated outages.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CorrelateProcessor.INCIDENTS_STORE),
            strings,
            incidentSerde));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CorrelateProcessor.OUTAGES_STORE),
            strings,
            outageSerde));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CorrelateProcessor.CLOCK_STORE),
            strings,
            Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CorrelateProcessor.HISTORY_STORE), strings, strings));
    // Straight from track to the one partition, not by reading tandem.incidents back: every topic
    // between stages waits for a commit before the next stage sees a record (exactly-once), and an
    // alert's latency is about one commit interval per such hop.
    KStream<String, Correlated> correlated =
        incidents
            .repartition(
                Repartitioned.<String, Incident>as(CORRELATE_INPUT)
                    .withNumberOfPartitions(1)
                    .withKeySerde(strings)
                    .withValueSerde(incidentSerde))
            .process(
                () ->
                    new CorrelateProcessor(
                        correlator, rawPartitions, updatePartitions, publishedVersions),
                CorrelateProcessor.INCIDENTS_STORE,
                CorrelateProcessor.OUTAGES_STORE,
                CorrelateProcessor.CLOCK_STORE,
                CorrelateProcessor.HISTORY_STORE);
    KStream<String, CorrelatedOutage> outages =
        correlated
            .filter((k, v) -> v instanceof Correlated.Change)
            .mapValues(v -> ((Correlated.Change) v).outage());
    correlated
        .filter((k, v) -> v instanceof Correlated.TooLate)
        .mapValues(v -> ((Correlated.TooLate) v).incidentJson())
        .to(topics.deadLetters(), Produced.with(strings, Serdes.ByteArray()));
    outages.to(topics.outages(), Produced.with(strings, outageSerde));
    outages
        .mapValues(o -> o == null ? null : OutageJson.toJson(o))
        .to(topics.outagesJson(), Produced.with(strings, strings));

    return builder.build();
  }
}
