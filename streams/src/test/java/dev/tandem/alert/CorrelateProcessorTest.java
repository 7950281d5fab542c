package dev.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.OutageState;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.normalize.NormalizeProcessor;
import dev.tandem.pipeline.AvroSerdes;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The correlate processor takes incidents one by one and settles them into outages on its
 * punctuation: one revision for many incidents of one region, and what was taken but not settled
 * before a crash is published after the restart. (Unit test: Kafka's mock context and in-memory
 * stores; the topology and the broker are tested end to end elsewhere.)
 */
class CorrelateProcessorTest {

  private static final Instant T = Instant.parse("2021-06-08T09:47:00Z");

  private final Correlator correlator =
      new Correlator(CorrelationSettings.DEFAULTS, DependencyGraph.defaults());
  private final KeyValueStore<String, Incident> incidents =
      store(CorrelateProcessor.INCIDENTS_STORE, avro().forValues(Incident.class));
  private final KeyValueStore<String, CorrelatedOutage> outages =
      store(CorrelateProcessor.OUTAGES_STORE, avro().forValues(CorrelatedOutage.class));
  private final KeyValueStore<String, Long> clock =
      store(CorrelateProcessor.CLOCK_STORE, Serdes.Long());
  private final KeyValueStore<String, String> history =
      store(CorrelateProcessor.HISTORY_STORE, Serdes.String());

  private MockProcessorContext<String, Correlated> context;
  private CorrelateProcessor processor;

  @BeforeEach
  void start() {
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(0);
    context.setCurrentStreamTimeMs(-1);
    for (var store : List.of(incidents, outages, clock, history)) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    processor = startedProcessor();
  }

  @Test
  void incidentsTakenTogetherAreSettledIntoOneRevisionOnThePunctuation() {
    process(incident("fastly", "cdn", Impact.CRITICAL, T, null));
    process(incident("github", "web", Impact.MAJOR, T.plusSeconds(18 * 60), null));
    process(incident("reddit", "web", Impact.MAJOR, T.plusSeconds(15 * 60), null));
    process(incident("govuk", "web", Impact.MAJOR, T.plusSeconds(22 * 60), null));

    assertThat(changes()).as("nothing is published before the settle").isEmpty();

    settle();

    List<CorrelatedOutage> published = changes();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getState()).isEqualTo(OutageState.OPEN);
    assertThat(published.get(0).getVersion()).isEqualTo(1);
    assertThat(published.get(0).getProviders())
        .containsExactly("fastly", "github", "govuk", "reddit");
    assertThat(published.get(0).getSuspectedCause().getProvider()).isEqualTo("fastly");
  }

  @Test
  void incidentsTakenButNotSettledBeforeACrashArePublishedAfterTheRestart() {
    process(incident("fastly", "cdn", Impact.CRITICAL, T, null));
    process(incident("github", "web", Impact.MAJOR, T.plusSeconds(18 * 60), null));
    settle();
    assertThat(changes())
        .extracting(CorrelatedOutage::getProviders)
        .containsExactly(List.of("fastly", "github"));

    // Taken and stored, then the process dies before its next settle.
    process(incident("reddit", "web", Impact.MAJOR, T.plusSeconds(15 * 60), null));
    context.resetForwards();

    processor = startedProcessor();
    settle();

    List<CorrelatedOutage> published = changes();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).getState()).isEqualTo(OutageState.UPDATED);
    assertThat(published.get(0).getVersion()).isEqualTo(2);
    assertThat(published.get(0).getProviders()).containsExactly("fastly", "github", "reddit");

    settle();
    assertThat(changes()).as("a settle with nothing new publishes nothing").hasSize(1);
  }

  private static <V> KeyValueStore<String, V> store(
      String name, org.apache.kafka.common.serialization.Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled()
        .build();
  }

  /** fastly, then github 18 minutes later, settled: an open outage; returns its id. */
  private String publishedFastlyAndGithub() {
    process(incident("fastly", "cdn", Impact.CRITICAL, T, null));
    process(incident("github", "web", Impact.MAJOR, T.plusSeconds(18 * 60), null));
    settle();
    return changes().get(0).getId();
  }

  /** A registry per store: the mock context names every store's changelog topic alike. */
  private static AvroSerdes avro() {
    return new AvroSerdes(new InMemorySchemaRegistryClient(), Map.of());
  }

  @Test
  void anOutageUndoneButNotSettledBeforeACrashIsRetractedAfterTheRestart() {
    String id = publishedFastlyAndGithub();

    // github says it was nothing after all; the process dies before its next settle.
    process(incident("github", "web", Impact.NONE, T.plusSeconds(18 * 60), null));
    context.resetForwards();

    processor = startedProcessor();
    settle();

    assertThat(context.forwarded())
        .extracting(f -> f.record().key(), f -> f.record().value())
        .containsExactly(tuple(id, new Correlated.Change(null)));
    assertThat(outages.get(id)).isNull();
    // The API's history keeps both versions: the one published and its retraction.
    assertThat(history.get(CorrelateProcessor.historyKey(id, 1))).contains("\"state\":\"OPEN\"");
    assertThat(history.get(CorrelateProcessor.historyKey(id, 2)))
        .contains("\"state\":\"RETRACTED\"");
  }

  @Test
  void anOutageResolvedJustBeforeTheClockAgesItOutIsFinalAsResolved() {
    String id = publishedFastlyAndGithub();

    // Resolved, and before any settle a record two months on moves the clock past the retention.
    process(incident("fastly", "cdn", Impact.CRITICAL, T, T.plusSeconds(3600)));
    process(incident("github", "web", Impact.MAJOR, T.plusSeconds(18 * 60), T.plusSeconds(3000)));
    process(incident("openai", "api", Impact.MAJOR, T.plus(java.time.Duration.ofDays(60)), null));
    settle();

    List<CorrelatedOutage> ofIt = changes().stream().filter(o -> o.getId().equals(id)).toList();
    assertThat(ofIt.get(ofIt.size() - 1).getState()).isEqualTo(OutageState.RESOLVED);
    assertThat(ofIt).extracting(CorrelatedOutage::getState).doesNotContain(OutageState.EXPIRED);
  }

  @Test
  void waysInThatNoRecordCanTakeDoNotHoldTheClockBack() {
    // Two raw and two updates partitions, keyed alike: raw/0 feeds updates/0 and raw/1 updates/1,
    // never across. Only those two ways are waited for.
    assertThat(CorrelateProcessor.expectedWays(2, 2))
        .containsExactly("raw/0>updates/0", "raw/1>updates/1");
    assertThat(CorrelateProcessor.expectedWays(2, 4))
        .containsExactly(
            "raw/0>updates/0", "raw/0>updates/2", "raw/1>updates/1", "raw/1>updates/3");
    processor = startedProcessor(2, 2);
    int days = 200;
    for (int day = 0; day < days; day++) {
      Instant at = T.plus(java.time.Duration.ofDays(day));
      process(
          incident("p" + day % 7, "i" + day, Impact.MINOR, at, at.plusSeconds(1800)),
          "raw/" + day % 2 + ">updates/" + day % 2);
    }
    settle();

    // Within the first minutes, before any way counts as idle: had the two crossed ways been
    // waited for, the clock would not have moved and all 200 would be held. An incident is held a
    // retention and a frozen retention after it resolves: about 60 of the 200 days.
    assertThat(countOf(incidents)).isBetween(58L, 63L);
  }

  private static long countOf(KeyValueStore<String, Incident> store) {
    try (var all = store.all()) {
      long n = 0;
      while (all.hasNext()) {
        all.next();
        n++;
      }
      return n;
    }
  }

  private CorrelateProcessor startedProcessor() {
    return startedProcessor(1, 1);
  }

  private CorrelateProcessor startedProcessor(int rawPartitions, int updatePartitions) {
    CorrelateProcessor p =
        new CorrelateProcessor(correlator, rawPartitions, updatePartitions, Map.of());
    p.init(context);
    return p;
  }

  private void settle() {
    List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
    punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(0L);
  }

  private List<CorrelatedOutage> changes() {
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(v -> v instanceof Correlated.Change)
        .map(v -> ((Correlated.Change) v).outage())
        .toList();
  }

  private void process(Incident incident) {
    process(incident, "raw/0>updates/0");
  }

  private void process(Incident incident, String way) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(NormalizeProcessor.SOURCE_HEADER, way.getBytes(StandardCharsets.UTF_8));
    processor.process(
        new Record<>(
            incident.getProvider() + "/" + incident.getIncidentId(),
            incident,
            incident.getLastUpdatedAt().toEpochMilli(),
            headers));
  }

  private static Incident incident(
      String provider, String id, Impact impact, Instant startedAt, Instant resolvedAt) {
    return Incident.newBuilder()
        .setProvider(provider)
        .setIncidentId(id)
        .setTitle(provider + " trouble")
        .setStatus(resolvedAt == null ? IncidentStatus.INVESTIGATING : IncidentStatus.RESOLVED)
        .setImpact(impact)
        .setComponents(List.of())
        .setStartedAt(startedAt)
        .setResolvedAt(resolvedAt)
        .setUpdateCount(1)
        .setLastUpdatedAt(resolvedAt == null ? startedAt : resolvedAt)
        .build();
  }
}
