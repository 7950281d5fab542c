package dev.tandem.alert;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.correlate.Correlation;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.Outage;
import dev.tandem.correlate.OutageChange;
import dev.tandem.correlate.OutageLedger;
import dev.tandem.correlate.OutageRevision;
import dev.tandem.correlate.ProviderIncident;
import dev.tandem.deadletter.DeadLetterHeaders;
import dev.tandem.metrics.TandemMeters;
import dev.tandem.normalize.NormalizeProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The correlate stage around the plain-Java {@link Correlation}: it sees the incidents of every
 * provider (one partition), keeps them and the published outages in stores with changelogs, and
 * publishes each outage change (or a tombstone for a retracted outage) keyed by outage id. The work
 * for one incident change depends on the incidents near it in time: the correlation is kept in
 * memory (rebuilt from the store on restore) and updated where the change lands; incidents are
 * evicted in order of age.
 *
 * <p>Incidents are taken one by one and their outages settled and published together, on each pass
 * of the stream thread's loop ({@link #SETTLE_EVERY}, wall clock): a catch-up or a replay brings
 * many incidents into the same region, far from event order, and settling them one at a time would
 * work that region out, and publish a version of its outages, once per incident (design §1).
 */
public final class CorrelateProcessor
    extends ContextualProcessor<String, Incident, String, Correlated> {

  /** provider/incidentId → the incident as last tracked. */
  public static final String INCIDENTS_STORE = "correlate-incidents";

  /**
   * outage id → the last published revision; {@link #ENDED} + id → the last version of an id
   * retracted or merged.
   */
  public static final String OUTAGES_STORE = "correlate-outages";

  public static final String ENDED = "ended/";

  /**
   * {@code <outage id>#<version, ten digits>} → that version as published on the outages JSON topic
   * (a retraction as {@code {"state":"RETRACTED"}}): every version of an outage, for the HTTP API,
   * kept as long as the id is remembered.
   */
  public static final String HISTORY_STORE = "correlate-outage-history";

  /**
   * source partition → the newest incident time it sent; {@link #WATERMARK} → the clock reached.
   */
  public static final String CLOCK_STORE = "correlate-clock";

  private static final String WATERMARK = "watermark";
  private static final String SOURCE = "source/";

  /**
   * How often at most the incidents taken are settled into outages and published. The stream thread
   * punctuates after each batch of records, before it commits; this short, every batch is settled.
   */
  public static final Duration SETTLE_EVERY = Duration.ofMillis(1);

  /** A source partition silent this long (wall clock) stops holding the clock back. */
  static final Duration SOURCE_IDLE = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(CorrelateProcessor.class);

  private final Correlator correlator;
  private KeyValueStore<String, Incident> incidentStore;
  private KeyValueStore<String, CorrelatedOutage> outageStore;
  private Correlation correlation;
  private OutageLedger ledger;

  /** Incidents by the moment they age out, oldest first. */
  private final NavigableSet<Aging> aging =
      new TreeSet<>(Comparator.comparing(Aging::at).thenComparing(Aging::key));

  /** Incidents that aged out, held frozen until they are forgotten, oldest first. */
  private final NavigableSet<Aging> frozen =
      new TreeSet<>(Comparator.comparing(Aging::at).thenComparing(Aging::key));

  /**
   * The newest incident time seen: the time of what this stage publishes, so it never goes back.
   */
  private Instant streamTime = Instant.MIN;

  /** What incidents age against: the slowest source's time ({@link EventClock}). */
  private Instant clockTime = Instant.MIN;

  private final int rawPartitions;
  private final int updatePartitions;
  private final Map<String, Integer> publishedVersions;
  private final EventClock clock = new EventClock(SOURCE_IDLE);
  private KeyValueStore<String, Long> clockStore;
  private KeyValueStore<String, String> historyStore;
  private org.apache.kafka.common.metrics.Sensor tooLate;
  private long tooLateLoggedAt = Long.MIN_VALUE / 2;
  private long tooLateUnlogged;

  /**
   * Whether the next settle compares every outage with what was published: after a restart, what
   * was taken but not yet settled when the last commit was made is published then.
   */
  private boolean settleAll;

  private record Aging(Instant at, String key) {}

  /**
   * @param rawPartitions the raw topic's partitions and
   * @param updatePartitions the updates topic's: every way in from one to the other is a source the
   *     clock waits for from the start (until it proves idle)
   * @param publishedVersions the last version of each id on the outage topic when the pipeline
   *     started
   */
  public CorrelateProcessor(
      Correlator correlator,
      int rawPartitions,
      int updatePartitions,
      Map<String, Integer> publishedVersions) {
    this.correlator = correlator;
    this.publishedVersions = publishedVersions;
    this.rawPartitions = rawPartitions;
    this.updatePartitions = updatePartitions;
  }

  @Override
  public void init(ProcessorContext<String, Correlated> context) {
    super.init(context);
    tooLate =
        context
            .metrics()
            .addRateTotalSensor(
                "tandem",
                "correlate",
                "too-late-incidents",
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
    incidentStore = context.getStateStore(INCIDENTS_STORE);
    outageStore = context.getStateStore(OUTAGES_STORE);
    historyStore = context.getStateStore(HISTORY_STORE);
    // The stores are the truth (restored from their changelogs); memory holds the working state.
    correlation = correlator.start();
    List<ProviderIncident> held = new ArrayList<>();
    try (KeyValueIterator<String, Incident> it = incidentStore.all()) {
      it.forEachRemaining(kv -> held.add(OutageRecords.toProviderIncident(kv.value)));
    }
    correlation.putAll(held);
    held.forEach(i -> aging.add(new Aging(agesOutAt(i), i.key())));
    // (sorted into aging and frozen once the stream time is known, below)
    List<OutageRevision> published = new ArrayList<>();
    List<OutageRevision> ended = new ArrayList<>();
    try (KeyValueIterator<String, CorrelatedOutage> it = outageStore.all()) {
      it.forEachRemaining(
          kv ->
              (kv.key.startsWith(ENDED) ? ended : published).add(OutageRecords.fromAvro(kv.value)));
    }
    ledger = new OutageLedger(published);
    ended.forEach(ledger::rememberEnded);
    ledger.continueVersionsFrom(publishedVersions);
    // The clock as it was: what had aged out before the restart has aged out now. Every raw
    // partition is a source from the start, so no record of a fast one ages the others' out early.
    clockStore = context.getStateStore(CLOCK_STORE);
    long wallNow = context.currentSystemTimeMs();
    for (String way : expectedWays(rawPartitions, updatePartitions)) {
      clock.restore(way, Long.MIN_VALUE, wallNow);
    }
    try (KeyValueIterator<String, Long> it = clockStore.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.key.equals(WATERMARK)) {
              clock.restoreWatermark(kv.value);
            } else if (kv.key.startsWith(SOURCE)) {
              clock.restore(kv.key.substring(SOURCE.length()), kv.value, wallNow);
            }
          });
    }
    clockTime = clock.now();
    long restored = context.currentStreamTimeMs();
    streamTime = restored < 0 ? clockTime : Instant.ofEpochMilli(restored);
    while (!aging.isEmpty() && aging.first().at().isBefore(clockTime)) {
      frozen.add(aging.pollFirst());
    }
    // An outage some of whose members aged out (or were forgotten) was retired before the restart.
    for (OutageRevision r : published) {
      if (r.outage().members().stream()
          .anyMatch(m -> correlation.incident(m.key()) == null || agedOut(m.key()))) {
        ledger.retire(r.id());
      }
    }
    settleAll = true;
    context.schedule(SETTLE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> settle());
  }

  /** Publishes the outage changes of the incidents taken since the last settle. */
  void settle() {
    Correlation.Changes changes = correlation.drainChanges();
    if (settleAll) {
      settleAll = false;
      publish(correlation.outages(), Set.copyOf(ledger.published().keySet()), clockTime);
    } else {
      publish(changes);
    }
    countHeld();
  }

  /**
   * The gauges of what the stage holds, at every settle: each count is kept as it changes, so
   * reading them costs nothing (an outage that resolves changes no size, only a state).
   */
  private void countHeld() {
    TandemMeters.correlationHolds(
        ledger.openCount(), aging.size() + frozen.size(), correlation.openIncidents());
  }

  /**
   * Whether an incident correlation holds has aged out: it is frozen, and outages with it are
   * final.
   */
  private boolean agedOut(String key) {
    return agedOut(key, clockTime);
  }

  private boolean agedOut(String key, Instant clock) {
    ProviderIncident held = correlation.incident(key);
    return held != null && agesOutAt(held).isBefore(clock);
  }

  /**
   * Outage changes carry the pipeline's event time (the latest incident time seen), so they never
   * go back in time.
   */
  @Override
  public void process(Record<String, Incident> record) {
    if (record.value() == null) {
      return;
    }
    Instant time = Instant.ofEpochMilli(record.timestamp());
    streamTime = time.isAfter(streamTime) ? time : streamTime;
    Instant clockBefore = clockTime;
    tick(record);
    if (!aging.isEmpty() && aging.first().at().isBefore(clockTime)) {
      // The clock moved far enough to age incidents out: what was taken before this record is
      // settled first, under the clock it was taken by, so that an outage it resolved is final as
      // RESOLVED and not EXPIRED from its last revision before: the same answers as had every
      // incident been settled on its own.
      publish(correlation.drainChanges(), clockBefore);
    }
    TandemMeters.correlateLag(
        Duration.ofMillis(
            context().currentSystemTimeMs() - record.value().getLastUpdatedAt().toEpochMilli()));
    ProviderIncident incident = OutageRecords.toProviderIncident(record.value());
    ProviderIncident previous = correlation.incident(incident.key());
    if ((previous == null || agedOut(previous.key())) && !agesOutAt(incident).isAfter(clockTime)) {
      // Older than the retention: its outages are final, so it could change nothing, or half of
      // something.
      tooLate.record();
      TandemMeters.deadLetter("correlate", "TooLate");
      String reason =
          "too-late: the incident "
              + (incident.resolvedAt() != null
                  ? "resolved at " + incident.resolvedAt()
                  : "started at " + incident.startedAt())
              + ", more than "
              + correlator.settings().retention().toDays()
              + " days before correlation's clock, the time every source has reached ("
              + clockTime
              + ")";
      logTooLate(incident.key(), reason);
      context()
          .forward(
              new Record<String, Correlated>(
                  record.key(),
                  new Correlated.TooLate(
                      OutageJson.toJson(record.value())
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                  record.timestamp(),
                  DeadLetterHeaders.of(record.headers(), "correlate", reason, "TooLate")));
      return;
    }
    if (previous != null) {
      aging.remove(new Aging(agesOutAt(previous), previous.key()));
      frozen.remove(new Aging(agesOutAt(previous), previous.key()));
    }
    correlation.put(incident);
    aging.add(new Aging(agesOutAt(incident), incident.key()));
    incidentStore.put(incident.key(), record.value());
    evictExpired();
  }

  private void publish(Correlation.Changes changes) {
    publish(changes, clockTime);
  }

  /**
   * @param clock what ageing is judged against
   */
  private void publish(Correlation.Changes changes, Instant clock) {
    if (!changes.isEmpty()) {
      publish(changes.current(), ledger.publishedWith(changes.memberKeys()), clock);
    }
  }

  /**
   * @param worked the outages worked out anew
   * @param affected ids of published outages that may have changed
   * @param clock what ageing is judged against
   */
  private void publish(List<Outage> worked, Set<String> affected, Instant clock) {
    Set<String> endedBefore = new HashSet<>(ledger.ended().keySet());
    // An outage with a member that aged out is final as it was: its region, recomputed, publishes
    // nothing new.
    List<Outage> current =
        worked.stream()
            .filter(o -> o.members().stream().noneMatch(m -> agedOut(m.key(), clock)))
            .toList();
    for (OutageChange change :
        ledger.reconcile(current, affected, key -> correlation.incident(key) != null)) {
      if (change instanceof OutageChange.Revised revised) {
        CorrelatedOutage avro = OutageRecords.toAvro(revised.revision());
        if (revised.revision().state() == OutageRevision.State.MERGED) {
          outageStore.delete(change.id());
          log.info(
              "outage {} merged into {} (v{})",
              change.id(),
              revised.revision().mergedInto(),
              avro.getVersion());
        } else {
          outageStore.put(change.id(), avro);
          log.info(
              "outage {} {} v{}: {}",
              avro.getState(),
              change.id(),
              avro.getVersion(),
              avro.getProviders());
        }
        historyStore.put(historyKey(change.id(), avro.getVersion()), OutageJson.toJson(avro));
        context()
            .forward(
                new Record<String, Correlated>(
                    change.id(), new Correlated.Change(avro), streamTime.toEpochMilli()));
      } else if (change instanceof OutageChange.Retracted retracted) {
        outageStore.delete(change.id());
        OutageRevision last = ledger.ended().get(change.id());
        if (last != null) {
          historyStore.put(
              historyKey(change.id(), last.version()),
              OutageJson.retraction(change.id(), last.version(), retracted.reason()));
        }
        log.info("outage {} retracted: {}", change.id(), retracted.reason());
        context()
            .forward(
                new Record<String, Correlated>(
                    change.id(), new Correlated.Change(null), streamTime.toEpochMilli()));
      }
    }
    // Keep the ledger's memory of ended ids in the store, so versions keep growing across restarts.
    Set<String> endedNow = ledger.ended().keySet();
    for (String id : endedNow) {
      if (!endedBefore.contains(id)) {
        outageStore.put(ENDED + id, OutageRecords.toAvro(ledger.ended().get(id)));
      }
    }
    for (String id : endedBefore) {
      if (!endedNow.contains(id)) {
        outageStore.delete(ENDED + id);
      }
    }
  }

  /**
   * One line a minute at most: a backfill after live traffic can make thousands of records too
   * late, each already on the dead-letter topic with its reason and counted in the metric.
   */
  private void logTooLate(String key, String reason) {
    long now = context().currentSystemTimeMs();
    if (now - tooLateLoggedAt < Duration.ofMinutes(1).toMillis()) {
      tooLateUnlogged++;
      return;
    }
    if (tooLateUnlogged > 0) {
      log.warn(
          "{}: {} ({} more too-late records since the last such line, all on the dead-letter topic)",
          key,
          reason,
          tooLateUnlogged);
    } else {
      log.warn("{}: {}", key, reason);
    }
    tooLateLoggedAt = now;
    tooLateUnlogged = 0;
  }

  /**
   * Moves the clock with a record of its source (the partition it entered Tandem by), keeping the
   * clock in its store.
   */
  private void tick(Record<String, Incident> record) {
    Header header = record.headers().lastHeader(NormalizeProcessor.SOURCE_HEADER);
    String source = header == null ? "unknown" : new String(header.value(), StandardCharsets.UTF_8);
    if (clock.observe(source, record.timestamp(), context().currentSystemTimeMs())) {
      clockStore.put(SOURCE + source, record.timestamp());
    }
    long before = clock.watermarkMillis();
    clockTime = clock.advance(context().currentSystemTimeMs());
    if (clock.watermarkMillis() != before) {
      clockStore.put(WATERMARK, clock.watermarkMillis());
    }
  }

  private Instant agesOutAt(ProviderIncident incident) {
    Instant reference =
        incident.resolvedAt() != null ? incident.resolvedAt() : incident.startedAt();
    return reference.plus(correlator.settings().retention());
  }

  /**
   * Ages incidents out in event time, oldest first. An outage is final once its first member ages
   * out: as last published when it had resolved, else with a final EXPIRED revision. An aged-out
   * incident is frozen (a record for it is too late, an outage with it is never published) and
   * still held for {@link dev.tandem.correlate.CorrelationSettings#frozenFor}, so that the
   * background of every day that can still change counts it; then it is forgotten.
   */
  private void evictExpired() {
    Set<String> agedNow = new HashSet<>();
    while (!aging.isEmpty() && aging.first().at().isBefore(clockTime)) {
      Aging aged = aging.pollFirst();
      frozen.add(aged);
      agedNow.add(aged.key());
    }
    for (String id : ledger.publishedWith(agedNow)) {
      ledger
          .retire(id)
          .ifPresent(
              expired -> {
                CorrelatedOutage avro = OutageRecords.toAvro(expired);
                outageStore.put(id, avro);
                log.info(
                    "outage {} expired v{}: its members aged out before all resolved",
                    id,
                    avro.getVersion());
                context()
                    .forward(
                        new Record<String, Correlated>(
                            id, new Correlated.Change(avro), streamTime.toEpochMilli()));
              });
    }
    Duration frozenFor = correlator.settings().frozenFor();
    Set<String> gone = new HashSet<>();
    while (!frozen.isEmpty() && frozen.first().at().plus(frozenFor).isBefore(clockTime)) {
      Aging oldest = frozen.pollFirst();
      correlation.forget(oldest.key());
      incidentStore.delete(oldest.key());
      gone.add(oldest.key());
    }
    if (!gone.isEmpty()) {
      for (String id : ledger.publishedWith(gone)) {
        ledger.retire(id);
        OutageRevision r = ledger.published().get(id);
        if (r != null
            && r.outage().members().stream()
                .noneMatch(m -> correlation.incident(m.key()) != null)) {
          ledger.forget(id);
          outageStore.delete(id);
          forgetHistory(id);
        }
      }
      Correlation.Changes changes = correlation.drainChanges();
      publish(changes);
      correlation.forgetBackgroundBefore(
          clockTime
              .minus(correlator.settings().retention())
              .minus(frozenFor)
              .minus(Duration.ofDays(2)));
      for (String id :
          ledger.forgetEndedBefore(
              clockTime
                  .minus(correlator.settings().retention().multipliedBy(2))
                  .minus(frozenFor))) {
        outageStore.delete(ENDED + id);
        forgetHistory(id);
      }
    }
  }

  /**
   * The ways in a record can take when the raw and the updates topics are keyed alike (by provider)
   * and written with Kafka's default partitioner: partition = hash % partitions on both, so raw
   * partition r feeds updates partition u only when r ≡ u (mod gcd): with equal counts, r feeds r.
   * The clock waits for these from the start. A way no record can take would hold it back for
   * {@link #SOURCE_IDLE} after every start, and meanwhile nothing ages out: a replay of years was
   * held whole in memory (bench/RESULTS.md). A record that comes by another way (another
   * partitioner, a raw record without a key) makes its way a source when it first arrives.
   */
  static List<String> expectedWays(int rawPartitions, int updatePartitions) {
    int gcd =
        java.math.BigInteger.valueOf(rawPartitions)
            .gcd(java.math.BigInteger.valueOf(updatePartitions))
            .intValueExact();
    List<String> ways = new ArrayList<>();
    for (int p = 0; p < rawPartitions; p++) {
      for (int q = 0; q < updatePartitions; q++) {
        if (p % gcd == q % gcd) {
          ways.add("raw/" + p + ">updates/" + q);
        }
      }
    }
    return ways;
  }

  /** The key of one version in {@link #HISTORY_STORE}: sorted by version within an id. */
  public static String historyKey(String id, int version) {
    return String.format(java.util.Locale.ROOT, "%s#%010d", id, version);
  }

  private void forgetHistory(String id) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, String> versions =
        historyStore.prefixScan(
            id + "#", new org.apache.kafka.common.serialization.StringSerializer())) {
      versions.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(historyStore::delete);
  }
}
