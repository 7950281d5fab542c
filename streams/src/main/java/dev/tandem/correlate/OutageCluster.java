package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** A group of linked episodes of several providers: a candidate outage, before it is scored. */
public record OutageCluster(List<Episode> episodes) {

  public OutageCluster {
    episodes = episodes.stream().sorted(Episode.BY_ONSET).toList();
    if (episodes.isEmpty()) {
      throw new IllegalArgumentException("a cluster has at least one episode");
    }
  }

  public SortedSet<String> providers() {
    SortedSet<String> providers = new TreeSet<>();
    episodes.forEach(e -> providers.add(e.provider()));
    return providers;
  }

  public Instant firstOnset() {
    return episodes.get(0).onset();
  }

  public Instant lastOnset() {
    return episodes.get(episodes.size() - 1).onset();
  }

  public Duration span() {
    return Duration.between(firstOnset(), lastOnset());
  }

  /** The first episode: its earliest incident anchors the outage's id. */
  public Episode anchor() {
    return episodes.get(0);
  }

  public List<ProviderIncident> incidents() {
    return episodes.stream().map(Episode::incidents).flatMap(Collection::stream).toList();
  }

  /** When the last member resolved, or null while any member is open. */
  public Instant resolvedAt() {
    Instant last = null;
    for (Episode e : episodes) {
      if (e.isOpen()) {
        return null;
      }
      last = last == null || e.end().isAfter(last) ? e.end() : last;
    }
    return last;
  }
}
