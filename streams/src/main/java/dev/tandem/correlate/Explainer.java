package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers "why was (or wasn't) this provider's trouble linked to anyone else?" for one provider at
 * one moment: its episode, the outage it belongs to, or the nearest episodes of other providers
 * with their distances, the window that applied and the chance of a coincidence.
 */
public final class Explainer {

  /** So many of the nearest other episodes are listed. */
  static final int NEAREST = 3;

  private final CorrelationSettings settings;
  private final DependencyGraph graph;
  private final Correlator correlator;

  public Explainer(CorrelationSettings settings, DependencyGraph graph) {
    this.settings = settings;
    this.graph = graph;
    this.correlator = new Correlator(settings, graph);
  }

  public List<String> explain(Collection<ProviderIncident> incidents, String provider, Instant at) {
    List<String> lines = new ArrayList<>();
    List<Episode> episodes = Episodes.of(incidents);
    Optional<Episode> found = episodeAt(episodes, provider, at);
    if (found.isEmpty()) {
      boolean known = incidents.stream().anyMatch(i -> i.provider().equals(provider));
      lines.add(known
          ? provider + " has no incident of impact minor or worse near " + at + " (maintenance and no-impact notices never count)"
          : "Tandem holds no incident of " + provider);
      return lines;
    }
    Episode episode = found.get();
    lines.add(provider + "'s episode started at " + episode.onset() + (episode.isOpen() ? " and is still open" : " and ended at " + episode.end())
        + " (" + episode.severity().name().toLowerCase(Locale.ROOT) + ", incidents: "
        + String.join(", ", episode.incidents().stream().map(ProviderIncident::incidentId).toList()) + ")");

    ProviderRates rates = ProviderRates.learn(episodes, incidents, settings);
    lines.add(String.format(Locale.ROOT, "%s's learned incident rate: %.2f episodes a day", provider, rates.ratePerDay(provider, episode.onset())));
    for (Outage outage : correlator.candidates(incidents)) {
      boolean member = outage.members().stream()
          .anyMatch(m -> m.provider().equals(provider) && episode.incidents().stream().anyMatch(i -> i.incidentId().equals(m.incidentId())));
      if (member && outage.confidence() >= settings.minConfidence()) {
        lines.add(String.format(Locale.ROOT, "linked: part of outage %s with %s (confidence %.2f, coincidence probability %.2g)",
            outage.id(), String.join(", ", outage.providers()), outage.confidence(), outage.coincidenceProbability()));
        lines.addAll(outage.explanation());
        return lines;
      }
      if (member) {
        lines.add(String.format(Locale.ROOT,
            "linked with %s, but not reported: confidence %.2f is below %.2f (coincidence probability %.2g)",
            String.join(", ", outage.providers().stream().filter(p -> !p.equals(provider)).toList()), outage.confidence(),
            settings.minConfidence(), outage.coincidenceProbability()));
        lines.addAll(outage.explanation());
        return lines;
      }
    }

    EpisodeUpstreams upstreams = new EpisodeUpstreams(graph);
    Clustering clustering = new Clustering(settings, upstreams);
    List<Episode> others = episodes.stream()
        .filter(e -> !e.provider().equals(provider))
        // Episodes further apart than correlation ever holds incidents say nothing about this one.
        .filter(e -> Clustering.distance(e, episode).compareTo(settings.retention()) <= 0)
        .sorted(Comparator.comparing((Episode e) -> Clustering.distance(e, episode)).thenComparing(Episode::provider))
        .limit(NEAREST)
        .toList();
    if (others.isEmpty()) {
      lines.add("not linked: Tandem holds no episode of any other provider within " + Correlator.minutes(settings.retention()));
      return lines;
    }
    boolean anyLinked = false;
    for (Episode other : others) {
      Duration distance = Clustering.distance(other, episode);
      Duration window = clustering.windowFor(other, episode);
      boolean linked = clustering.linked(other, episode);
      anyLinked |= linked;
      String relation = upstreams.related(other, episode) ? "a dependency between them widens the window" : "no dependency between them";
      double p = rates.at(episode.onset()).probability(List.of(provider, other.provider()), distance);
      lines.add(String.format(Locale.ROOT, "%s started at %s, %s %s %s: %s the %s window (%s); chance of both starting that close by coincidence: %.2g",
          other.provider(), other.onset(), Correlator.minutes(distance), other.onset().isBefore(episode.onset()) ? "before" : "after", provider,
          linked ? "within" : "beyond", Correlator.minutes(window), relation, p));
    }
    lines.add(anyLinked
        ? String.format(Locale.ROOT, "not reported: linked, but the group holds fewer than %d providers", settings.minProviders())
        : "not linked: no other provider's episode started within the window");
    return lines;
  }

  /** The provider's episode that spans {@code at}, else the one whose onset is nearest to it. */
  private static Optional<Episode> episodeAt(List<Episode> episodes, String provider, Instant at) {
    List<Episode> own = episodes.stream().filter(e -> e.provider().equals(provider)).toList();
    for (Episode e : own) {
      if (!at.isBefore(e.onset()) && (e.end() == null || !at.isAfter(e.end()))) {
        return Optional.of(e);
      }
    }
    return own.stream().min(Comparator.comparing(e -> Duration.between(e.onset(), at).abs()));
  }
}
