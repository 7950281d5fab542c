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
 * one moment: its episode, the outage it belongs to, or the strongest burst around it against the
 * background, and the nearest episodes of other providers with what links them.
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
    Correlation correlation = correlator.start();
    correlation.putAll(incidents);
    List<Episode> episodes = correlation.episodes();
    Optional<Episode> found = episodeAt(episodes, provider, at);
    if (found.isEmpty()) {
      boolean known = incidents.stream().anyMatch(i -> i.provider().equals(provider));
      lines.add(
          known
              ? provider
                  + " has no incident of impact minor or worse near "
                  + at
                  + " (maintenance and no-impact notices never count)"
              : "Tandem holds no incident of " + provider);
      return lines;
    }
    Episode episode = found.get();
    lines.add(
        provider
            + "'s episode started at "
            + episode.onset()
            + (episode.isOpen() ? " and is still open" : " and ended at " + episode.end())
            + " ("
            + episode.severity().name().toLowerCase(Locale.ROOT)
            + ", incidents: "
            + String.join(
                ", ", episode.incidents().stream().map(ProviderIncident::incidentId).toList())
            + ")");
    lines.add(
        String.format(
            Locale.ROOT,
            "%s's learned incident rate: %.2f episodes a day",
            provider,
            correlation.ratePerDay(provider, episode.onset())));
    for (Outage outage : correlation.outages()) {
      boolean member =
          outage.members().stream()
              .anyMatch(
                  m ->
                      m.provider().equals(provider)
                          && episode.incidents().stream()
                              .anyMatch(i -> i.incidentId().equals(m.incidentId())));
      if (member) {
        lines.add(
            String.format(
                Locale.ROOT,
                "linked: part of outage %s with %s (confidence %.2f, coincidence probability %.2g)",
                outage.id(),
                String.join(", ", outage.providers()),
                outage.confidence(),
                outage.coincidenceProbability()));
        lines.addAll(outage.explanation());
        return lines;
      }
    }

    Optional<Burst> strongest = correlation.strongestWindowAround(episode);
    if (strongest.isPresent()) {
      Burst b = strongest.get();
      lines.add(
          String.format(
              Locale.ROOT,
              "not a burst: the strongest window around it holds %d providers (%s) within %s, where %.2g were expected;"
                  + " by chance that happens about %s, more often than the budget of %s false alarms a week allows",
              b.providers(),
              String.join(", ", b.episodes().stream().map(Episode::provider).distinct().toList()),
              OutageStory.duration(b.width()),
              b.expected(),
              OutageStory.rarity(b.chancePerWeek()),
              trim(settings.falseAlarmsPerWeek())));
      lines.add(
          OutageStory.background(b, settings.scanWidths().size() * SeverityLevel.values().length));
    }

    EpisodeUpstreams upstreams = new EpisodeUpstreams(graph);
    List<Episode> others =
        episodes.stream()
            .filter(e -> !e.provider().equals(provider))
            // Episodes further apart than correlation ever holds incidents say nothing about this
            // one.
            .filter(e -> Episode.distance(e, episode).compareTo(settings.retention()) <= 0)
            .sorted(
                Comparator.comparing((Episode e) -> Episode.distance(e, episode))
                    .thenComparing(Episode::provider))
            .limit(NEAREST)
            .toList();
    if (others.isEmpty()) {
      lines.add(
          "not linked: Tandem holds no episode of any other provider within "
              + OutageStory.duration(settings.retention()));
      return lines;
    }
    boolean anyWithin = false;
    CoincidenceModel coincidence =
        new CoincidenceModel(p -> correlation.ratePerDay(p, episode.onset()));
    for (Episode other : others) {
      Duration distance = Episode.distance(other, episode);
      boolean related = upstreams.related(other, episode);
      Duration window = related ? settings.dependencyWindow() : settings.window();
      boolean within = distance.compareTo(window) <= 0;
      anyWithin |= within;
      String relation =
          related ? "a dependency between them widens the window" : "no dependency between them";
      double p = coincidence.probability(List.of(provider, other.provider()), distance);
      lines.add(
          String.format(
              Locale.ROOT,
              "%s started at %s, %s %s %s: %s the %s window (%s); chance of both starting that close by coincidence: %.2g",
              other.provider(),
              other.onset(),
              OutageStory.duration(distance),
              other.onset().isBefore(episode.onset()) ? "before" : "after",
              provider,
              within ? "within" : "beyond",
              OutageStory.duration(window),
              relation,
              p));
    }
    lines.add(
        anyWithin
            ? "not linked: neither a burst against the background nor evidence convincing enough links it to another provider"
            : "not linked: no other provider's episode started within the window");
    return lines;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
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
