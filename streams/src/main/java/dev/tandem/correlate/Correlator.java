package dev.tandem.correlate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * From the incidents of all providers to the correlated outages among them: episodes, clusters,
 * confidence, suspected cause, explanation. A pure function of the set of incidents.
 */
public final class Correlator {

  private final CorrelationSettings settings;
  private final CoincidenceModel coincidence;
  private final DependencyGraph graph;

  /** Rates are learned from the incidents themselves (see {@link ProviderRates}). */
  public Correlator(CorrelationSettings settings, DependencyGraph graph) {
    this(settings, graph, null);
  }

  /** With a fixed coincidence model instead of learned rates: for tests of the scoring itself. */
  Correlator(CorrelationSettings settings, DependencyGraph graph, CoincidenceModel coincidence) {
    this.settings = settings;
    this.coincidence = coincidence;
    this.graph = graph;
  }

  public CorrelationSettings settings() {
    return settings;
  }

  /** Every outage among these incidents that holds enough providers and clears the confidence bar. */
  public List<Outage> correlate(Collection<ProviderIncident> incidents) {
    return candidates(incidents).stream().filter(o -> o.confidence() >= settings.minConfidence()).toList();
  }

  /** Every group of linked episodes of enough providers, scored, whether or not it clears the bar. */
  public List<Outage> candidates(Collection<ProviderIncident> incidents) {
    List<Outage> outages = new ArrayList<>();
    List<Episode> episodes = Episodes.of(incidents);
    ProviderRates rates = ProviderRates.learn(episodes, incidents, settings);
    EpisodeUpstreams upstreams = new EpisodeUpstreams(graph);
    Clustering clustering = new Clustering(settings, upstreams);
    for (OutageCluster cluster : clustering.clusters(episodes)) {
      if (cluster.providers().size() < settings.minProviders()) {
        continue;
      }
      outages.add(score(cluster, coincidence != null ? coincidence : rates.at(cluster.firstOnset()), clustering, upstreams));
    }
    return outages;
  }

  private Outage score(OutageCluster cluster, CoincidenceModel coincidence, Clustering clustering, EpisodeUpstreams upstreams) {
    double p = coincidence.probability(cluster.providers(), cluster.span());
    Cause cause = new CauseFinder(upstreams).find(cluster);
    double confidence = Confidence.of(Confidence.prior(settings, cluster, cause), p);
    return new Outage(
        idOf(cluster),
        List.copyOf(cluster.providers()),
        cluster.incidents().stream().map(Outage.Member::of).toList(),
        cluster.firstOnset(),
        cluster.lastOnset(),
        cluster.resolvedAt(),
        round(confidence),
        p,
        cause,
        explain(cluster, cause, p, clustering, upstreams));
  }

  private List<String> explain(OutageCluster cluster, Cause cause, double p, Clustering clustering, EpisodeUpstreams upstreams) {
    List<String> lines = new ArrayList<>();
    // Tell the story from the suspected cause when it reported, else from the first to fail.
    Episode reference = cause.reporting()
        ? cluster.episodes().stream().filter(e -> e.provider().equals(cause.provider())).findFirst().orElse(cluster.anchor())
        : cluster.anchor();
    lines.add(reference.provider() + " started at " + reference.onset() + " (" + reference.severity().name().toLowerCase() + ")");
    for (Episode e : cluster.episodes()) {
      if (e == reference) {
        continue;
      }
      boolean after = !e.onset().isBefore(reference.onset());
      String line = e.provider() + " started " + minutes(Clustering.distance(reference, e)) + (after ? " after " : " before ")
          + reference.provider();
      java.util.Optional<String> why = cause.reporting() ? upstreams.why(cause.provider(), e) : java.util.Optional.empty();
      Episode nearest = nearestLinked(e, cluster, clustering);
      if (why.isPresent()) {
        line += "; " + why.get();
      } else if (nearest != null) {
        line += "; linked to " + nearest.provider() + " (" + minutes(Clustering.distance(e, nearest))
            + " apart, within the " + minutes(clustering.windowFor(e, nearest)) + " window)";
      }
      lines.add(line);
    }
    if (cause.provider() != null) {
      lines.add("suspected cause: " + cause.provider() + " (" + cause.reason() + ")");
    } else {
      lines.add("no suspected cause: " + cause.reason());
    }
    lines.add(String.format(java.util.Locale.ROOT,
        "chance of %d independent providers starting within %s by coincidence: %.2g",
        cluster.providers().size(), minutes(cluster.span()), p));
    return lines;
  }

  private static Episode nearestLinked(Episode e, OutageCluster cluster, Clustering clustering) {
    Episode best = null;
    for (Episode other : cluster.episodes()) {
      if (other != e && clustering.linked(e, other)
          && (best == null || Clustering.distance(e, other).compareTo(Clustering.distance(e, best)) < 0)) {
        best = other;
      }
    }
    return best;
  }

  /** A distance in the unit a person reads fastest: minutes, hours, then days. */
  static String minutes(Duration d) {
    long m = d.toMinutes();
    if (m < 120) {
      return m + " min";
    }
    return m < 48 * 60
        ? String.format(java.util.Locale.ROOT, "%.1f h", m / 60.0)
        : String.format(java.util.Locale.ROOT, "%.1f days", m / 1440.0);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /**
   * Readable and stable: the anchor incident's provider and a hash of its key. Not its start
   * time, which a vendor may still move: only a new earliest member changes the id.
   */
  static String idOf(OutageCluster cluster) {
    ProviderIncident anchor = cluster.anchor().incidents().get(0);
    return anchor.provider() + "-" + shortHash(anchor.key());
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Incidents this old (in event time, relative to {@code now}) no longer affect any outage. */
  public boolean expired(ProviderIncident incident, Instant now) {
    Instant reference = incident.resolvedAt() != null ? incident.resolvedAt() : incident.startedAt();
    return reference.plus(settings.retention()).isBefore(now);
  }
}
