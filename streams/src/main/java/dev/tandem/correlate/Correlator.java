package dev.tandem.correlate;

import dev.tandem.io.Sha256;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * From the incidents of all providers to the correlated outages among them: a pure function of the
 * set of incidents. {@link Correlation} is the same thing kept up to date one change at a time.
 */
public final class Correlator {

  private final CorrelationSettings settings;
  private final CoincidenceModel coincidence;
  private final DependencyGraph graph;

  /** Rates are learned from the incidents themselves (see {@link BackgroundRates}). */
  public Correlator(CorrelationSettings settings, DependencyGraph graph) {
    this(settings, graph, null);
  }

  /**
   * With a fixed coincidence model for the evidence route instead of learned rates: for tests of
   * the scoring itself.
   */
  Correlator(CorrelationSettings settings, DependencyGraph graph, CoincidenceModel coincidence) {
    this.settings = settings;
    this.coincidence = coincidence;
    this.graph = graph;
  }

  public CorrelationSettings settings() {
    return settings;
  }

  public DependencyGraph graph() {
    return graph;
  }

  /** A live correlation with no incidents yet. */
  public Correlation start() {
    return new Correlation(settings, graph, coincidence);
  }

  /** Every outage among these incidents, by first onset. */
  public List<Outage> correlate(Collection<ProviderIncident> incidents) {
    Correlation correlation = start();
    correlation.putAll(incidents);
    return correlation.outages();
  }

  /**
   * Readable and stable: the anchor incident's provider and a hash of its key. Not its start time,
   * which a vendor may still move. A function of the members alone, so the same incidents give the
   * same id in any arrival order ({@link OutageLedger} renames a published outage whose earliest
   * member changed).
   */
  static String idOf(OutageCluster cluster) {
    ProviderIncident anchor = cluster.anchor().incidents().get(0);
    return anchor.provider() + "-" + shortHash(anchor.key());
  }

  static String shortHash(String text) {
    return HexFormat.of().formatHex(Sha256.of(text), 0, 6);
  }

  /** Incidents this old (in event time, relative to {@code now}) no longer affect any outage. */
  public boolean expired(ProviderIncident incident, Instant now) {
    Instant reference =
        incident.resolvedAt() != null ? incident.resolvedAt() : incident.startedAt();
    return reference.plus(settings.retention()).isBefore(now);
  }
}
