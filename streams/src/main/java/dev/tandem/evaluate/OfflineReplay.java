package dev.tandem.evaluate;

import dev.tandem.alert.OutageRecords;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.pipeline.OfflinePipeline;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.raw.RawStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs raw status records through Tandem's real topology ({@link OfflinePipeline}): no broker, no
 * registry server, but exactly the production logic, so what evaluation measures is what runs.
 */
public final class OfflineReplay {

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
    try (OfflinePipeline pipeline = OfflinePipeline.start(settings, graph, dedupeRetention)) {
      pipeline.pipe(records);
      List<ReplayOutcome.PublishedChange> changes = new ArrayList<>();
      for (TestRecord<String, CorrelatedOutage> r : pipeline.outageChanges()) {
        changes.add(
            new ReplayOutcome.PublishedChange(
                r.key(),
                r.value() == null ? null : OutageRecords.fromAvro(r.value()),
                r.getRecordTime()));
      }
      Map<String, Incident> incidents = pipeline.incidents();
      Map<String, Instant> firstUpdates = new HashMap<>();
      for (TestRecord<String, StatusUpdate> r : pipeline.updates()) {
        StatusUpdate u = r.value();
        firstUpdates.merge(
            u.getProvider() + "/" + u.getIncidentId(),
            u.getUpdatedAt(),
            (x, y) -> x.isBefore(y) ? x : y);
      }
      return new ReplayOutcome(changes, incidents, firstUpdates, pipeline.deadLetters().size());
    }
  }
}
