package dev.tandem.alert;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.deadletter.DeadLetterHeaders;
import dev.tandem.correlate.Correlation;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.OutageChange;
import dev.tandem.correlate.OutageLedger;
import dev.tandem.correlate.OutageRevision;
import dev.tandem.correlate.ProviderIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
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
 * publishes each outage change (or a tombstone for a retracted outage) keyed by outage id. The
 * work for one incident change depends on the incidents near it in time: the correlation is kept
 * in memory (rebuilt from the store on restore) and updated where the change lands; incidents are
 * evicted in order of age.
 */
public final class CorrelateProcessor extends ContextualProcessor<String, Incident, String, Correlated> {

  /** provider/incidentId → the incident as last tracked. */
  public static final String INCIDENTS_STORE = "correlate-incidents";
  /** outage id → the last published revision; {@link #ENDED} + id → the last version of an id retracted or merged. */
  public static final String OUTAGES_STORE = "correlate-outages";
  static final String ENDED = "ended/";

  private static final Logger log = LoggerFactory.getLogger(CorrelateProcessor.class);

  private final Correlator correlator;
  private KeyValueStore<String, Incident> incidentStore;
  private KeyValueStore<String, CorrelatedOutage> outageStore;
  private Correlation correlation;
  private OutageLedger ledger;
  /** Incidents by the moment they age out, oldest first. */
  private final NavigableSet<Aging> aging = new TreeSet<>(Comparator.comparing(Aging::at).thenComparing(Aging::key));
  private Instant streamTime = Instant.MIN;
  private org.apache.kafka.common.metrics.Sensor tooLate;

  private record Aging(Instant at, String key) {}

  public CorrelateProcessor(Correlator correlator) {
    this.correlator = correlator;
  }

  @Override
  public void init(ProcessorContext<String, Correlated> context) {
    super.init(context);
    tooLate = context.metrics().addRateTotalSensor("tandem", "correlate", "too-late-incidents",
        org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
    incidentStore = context.getStateStore(INCIDENTS_STORE);
    outageStore = context.getStateStore(OUTAGES_STORE);
    // The stores are the truth (restored from their changelogs); memory holds the working state.
    correlation = correlator.start();
    List<ProviderIncident> held = new ArrayList<>();
    try (KeyValueIterator<String, Incident> it = incidentStore.all()) {
      it.forEachRemaining(kv -> held.add(OutageRecords.toProviderIncident(kv.value)));
    }
    correlation.putAll(held);
    held.forEach(i -> aging.add(new Aging(agesOutAt(i), i.key())));
    List<OutageRevision> published = new ArrayList<>();
    List<OutageRevision> ended = new ArrayList<>();
    try (KeyValueIterator<String, CorrelatedOutage> it = outageStore.all()) {
      it.forEachRemaining(kv -> (kv.key.startsWith(ENDED) ? ended : published).add(OutageRecords.fromAvro(kv.value)));
    }
    ledger = new OutageLedger(published);
    ended.forEach(ledger::rememberEnded);
    // An outage some of whose members already aged out was retired before the restart.
    for (OutageRevision r : published) {
      if (r.outage().members().stream().anyMatch(m -> correlation.incident(m.key()) == null)) {
        ledger.retire(r.id());
      }
    }
  }

  /** Outage changes carry the pipeline's event time (the latest incident time seen), so they never go back in time. */
  @Override
  public void process(Record<String, Incident> record) {
    if (record.value() == null) {
      return;
    }
    Instant time = Instant.ofEpochMilli(record.timestamp());
    streamTime = time.isAfter(streamTime) ? time : streamTime;
    ProviderIncident incident = OutageRecords.toProviderIncident(record.value());
    ProviderIncident previous = correlation.incident(incident.key());
    if (previous == null && !agesOutAt(incident).isAfter(streamTime)) {
      // Older than correlation holds anything: it could only be evicted again at once, half applied.
      tooLate.record();
      String reason = "too-late: the incident " + (incident.resolvedAt() != null ? "resolved at " + incident.resolvedAt()
          : "started at " + incident.startedAt()) + ", more than " + correlator.settings().retention().toDays()
          + " days before the newest incident time correlation has seen (" + streamTime + ")";
      log.warn("{}: {}", incident.key(), reason);
      context().forward(new Record<String, Correlated>(record.key(),
          new Correlated.TooLate(OutageJson.toJson(record.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          record.timestamp(), DeadLetterHeaders.of(record.headers(), "correlate", reason, "TooLate")));
      return;
    }
    if (previous != null) {
      aging.remove(new Aging(agesOutAt(previous), previous.key()));
    }
    correlation.put(incident);
    aging.add(new Aging(agesOutAt(incident), incident.key()));
    incidentStore.put(incident.key(), record.value());
    evictExpired();
    publish(correlation.drainChanges());
  }

  private void publish(Correlation.Changes changes) {
    if (changes.isEmpty()) {
      return;
    }
    Set<String> endedBefore = new java.util.HashSet<>(ledger.ended().keySet());
    Set<String> affected = ledger.publishedWith(changes.memberKeys());
    for (OutageChange change : ledger.reconcile(changes.current(), affected, key -> correlation.incident(key) != null)) {
      if (change instanceof OutageChange.Revised revised) {
        CorrelatedOutage avro = OutageRecords.toAvro(revised.revision());
        if (revised.revision().state() == OutageRevision.State.MERGED) {
          outageStore.delete(change.id());
          log.info("outage {} merged into {} (v{})", change.id(), revised.revision().mergedInto(), avro.getVersion());
        } else {
          outageStore.put(change.id(), avro);
          log.info("outage {} {} v{}: {}", avro.getState(), change.id(), avro.getVersion(), avro.getProviders());
        }
        context().forward(new Record<String, Correlated>(change.id(), new Correlated.Change(avro), streamTime.toEpochMilli()));
      } else if (change instanceof OutageChange.Retracted retracted) {
        outageStore.delete(change.id());
        log.info("outage {} retracted: {}", change.id(), retracted.reason());
        context().forward(new Record<String, Correlated>(change.id(), new Correlated.Change(null), streamTime.toEpochMilli()));
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

  private Instant agesOutAt(ProviderIncident incident) {
    Instant reference = incident.resolvedAt() != null ? incident.resolvedAt() : incident.startedAt();
    return reference.plus(correlator.settings().retention());
  }

  /**
   * Drops incidents that aged out in event time, oldest first. An outage is final once its first
   * member ages out: as last published when it had resolved, else with a final EXPIRED revision;
   * what is left of it is never published again, and it is forgotten when its last member goes.
   */
  private void evictExpired() {
    boolean evicted = false;
    Set<String> gone = new java.util.HashSet<>();
    while (!aging.isEmpty() && aging.first().at().isBefore(streamTime)) {
      Aging oldest = aging.pollFirst();
      correlation.remove(oldest.key());
      incidentStore.delete(oldest.key());
      gone.add(oldest.key());
      evicted = true;
    }
    if (evicted) {
      for (String id : ledger.publishedWith(gone)) {
        ledger.retire(id).ifPresent(expired -> {
          CorrelatedOutage avro = OutageRecords.toAvro(expired);
          outageStore.put(id, avro);
          log.info("outage {} expired v{}: its members aged out before all resolved", id, avro.getVersion());
          context().forward(new Record<String, Correlated>(id, new Correlated.Change(avro), streamTime.toEpochMilli()));
        });
        OutageRevision r = ledger.published().get(id);
        if (r != null && r.outage().members().stream().noneMatch(m -> correlation.incident(m.key()) != null)) {
          ledger.forget(id);
          outageStore.delete(id);
        }
      }
      Correlation.Changes changes = correlation.drainChanges();
      publish(changes);
      correlation.forgetBackgroundBefore(streamTime.minus(correlator.settings().retention()).minus(Duration.ofDays(2)));
      for (String id : ledger.forgetEndedBefore(streamTime.minus(correlator.settings().retention().multipliedBy(2)))) {
        outageStore.delete(ENDED + id);
      }
    }
  }

}
