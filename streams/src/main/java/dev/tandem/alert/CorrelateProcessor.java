package dev.tandem.alert;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.Outage;
import dev.tandem.correlate.OutageChange;
import dev.tandem.correlate.OutageLedger;
import dev.tandem.correlate.OutageRevision;
import dev.tandem.correlate.ProviderIncident;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The correlate stage around the plain-Java {@link Correlator}: it sees the incidents of every
 * provider (one partition), keeps them and the published outages in stores with changelogs, and
 * publishes each outage change (or a tombstone for a retracted outage) keyed by outage id.
 */
public final class CorrelateProcessor extends ContextualProcessor<String, Incident, String, CorrelatedOutage> {

  /** provider/incidentId → the incident as last tracked. */
  public static final String INCIDENTS_STORE = "correlate-incidents";
  /** outage id → the last published revision. */
  public static final String OUTAGES_STORE = "correlate-outages";

  private static final Logger log = LoggerFactory.getLogger(CorrelateProcessor.class);

  private final Correlator correlator;
  private KeyValueStore<String, Incident> incidentStore;
  private KeyValueStore<String, CorrelatedOutage> outageStore;
  private final Map<String, ProviderIncident> incidents = new HashMap<>();
  private final Map<String, OutageRevision> published = new HashMap<>();
  private Instant streamTime = Instant.MIN;

  public CorrelateProcessor(Correlator correlator) {
    this.correlator = correlator;
  }

  @Override
  public void init(ProcessorContext<String, CorrelatedOutage> context) {
    super.init(context);
    incidentStore = context.getStateStore(INCIDENTS_STORE);
    outageStore = context.getStateStore(OUTAGES_STORE);
    // The stores are the truth (restored from their changelogs); the maps are their working copy.
    try (KeyValueIterator<String, Incident> it = incidentStore.all()) {
      it.forEachRemaining(kv -> incidents.put(kv.key, OutageRecords.toProviderIncident(kv.value)));
    }
    try (KeyValueIterator<String, CorrelatedOutage> it = outageStore.all()) {
      it.forEachRemaining(kv -> published.put(kv.key, OutageRecords.fromAvro(kv.value)));
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
    incidents.put(incident.key(), incident);
    incidentStore.put(incident.key(), record.value());
    evictExpired();

    List<Outage> outages = correlator.correlate(incidents.values());
    for (OutageChange change : OutageLedger.reconcile(published, outages, incidents.keySet())) {
      if (change instanceof OutageChange.Revised revised) {
        CorrelatedOutage avro = OutageRecords.toAvro(revised.revision());
        published.put(change.id(), revised.revision());
        outageStore.put(change.id(), avro);
        log.info("outage {} {} v{}: {}", avro.getState(), change.id(), avro.getVersion(), avro.getProviders());
        context().forward(new Record<>(change.id(), avro, streamTime.toEpochMilli()));
      } else if (change instanceof OutageChange.Retracted retracted) {
        published.remove(change.id());
        outageStore.delete(change.id());
        log.info("outage {} retracted: {}", change.id(), retracted.reason());
        context().forward(new Record<String, CorrelatedOutage>(change.id(), null, streamTime.toEpochMilli()));
      }
    }
  }

  /** Drops incidents and outages that aged out in event time; their last published state stays on the topic. */
  private void evictExpired() {
    incidents.values().removeIf(incident -> {
      boolean expired = correlator.expired(incident, streamTime);
      if (expired) {
        incidentStore.delete(incident.key());
      }
      return expired;
    });
    published.values().removeIf(revision -> {
      boolean gone = revision.outage().members().stream().noneMatch(m -> incidents.containsKey(m.key()));
      if (gone) {
        outageStore.delete(revision.id());
      }
      return gone;
    });
  }
}
