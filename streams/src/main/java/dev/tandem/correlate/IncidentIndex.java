package dev.tandem.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every incident correlation holds, each provider's episodes, and all episodes ordered by onset:
 * what lets one incident change be handled by looking only at the episodes near it in time.
 */
final class IncidentIndex {

  /** One provider's incidents, by id and by start, and the episodes they fold into. */
  static final class Timeline {
    final String provider;

    /** By incident id, not by the whole key: the provider is the timeline's, said once. */
    final Map<String, ProviderIncident> byId = new HashMap<>();

    final NavigableSet<ProviderIncident> byStart =
        new TreeSet<>(
            Comparator.comparing(ProviderIncident::startedAt)
                .thenComparing(ProviderIncident::incidentId));
    List<Episode> episodes = List.of();

    Timeline(String provider) {
      this.provider = provider;
    }

    /** The earliest start of an incident (of any impact) within [from, to), or null. */
    Instant firstStartWithin(Instant from, Instant to) {
      ProviderIncident probe =
          new ProviderIncident(provider, "", "", Severity.NONE, from, null, List.of());
      ProviderIncident first = byStart.ceiling(probe);
      return first != null && first.startedAt().isBefore(to) ? first.startedAt() : null;
    }
  }

  /** What one incident change did to its provider's episodes. */
  record EpisodeChange(String provider, List<Episode> removed, List<Episode> added) {
    boolean isEmpty() {
      return removed.isEmpty() && added.isEmpty();
    }
  }

  private final Map<String, Timeline> timelines = new HashMap<>();
  private final TreeSet<Episode> byOnset = new TreeSet<>(Episode.BY_ONSET);

  /** The same onsets as primitives, at each severity level, for the burst test's quick look. */
  private final OnsetTimeline anyOnsets = new OnsetTimeline();

  private final OnsetTimeline majorOnsets = new OnsetTimeline();
  private int size;

  /** How many held incidents are open (not resolved). */
  private int open;

  /** How many incidents start at each instant: the earliest start in O(log n). */
  private final TreeMap<Instant, Integer> starts = new TreeMap<>();

  int size() {
    return size;
  }

  int openCount() {
    return open;
  }

  /** The earliest start of any incident held, or null. */
  Instant firstStart() {
    return starts.isEmpty() ? null : starts.firstKey();
  }

  private void countStart(Instant start, int delta) {
    starts.merge(start, delta, (a, b) -> a + b == 0 ? null : a + b);
  }

  Collection<Timeline> timelines() {
    return timelines.values();
  }

  Timeline timeline(String provider) {
    return timelines.get(provider);
  }

  ProviderIncident get(String key) {
    int slash = key.indexOf('/');
    Timeline t = slash < 0 ? null : timelines.get(key.substring(0, slash));
    return t == null ? null : t.byId.get(key.substring(slash + 1));
  }

  Set<String> providers() {
    return timelines.keySet();
  }

  /** Adds or replaces an incident (by its key). */
  EpisodeChange put(ProviderIncident incident) {
    Timeline t = timelines.computeIfAbsent(incident.provider(), Timeline::new);
    ProviderIncident previous = t.byId.put(incident.incidentId(), incident);
    open += (incident.isOpen() ? 1 : 0) - (previous != null && previous.isOpen() ? 1 : 0);
    if (previous != null) {
      t.byStart.remove(previous);
      countStart(previous.startedAt(), -1);
    } else {
      size++;
    }
    t.byStart.add(incident);
    countStart(incident.startedAt(), 1);
    return refold(t);
  }

  EpisodeChange remove(String key) {
    ProviderIncident previous = get(key);
    if (previous == null) {
      return new EpisodeChange("", List.of(), List.of());
    }
    Timeline t = timelines.get(previous.provider());
    t.byId.remove(previous.incidentId());
    open -= previous.isOpen() ? 1 : 0;
    t.byStart.remove(previous);
    countStart(previous.startedAt(), -1);
    size--;
    EpisodeChange change = refold(t);
    if (t.byId.isEmpty()) {
      timelines.remove(t.provider);
    }
    return change;
  }

  /**
   * Refolds a provider's episodes; cost grows with that provider's incidents only. An episode that
   * the change left as it was stays the same object, so that the timeline, the onset order and the
   * upstreams memo hold one copy of it, not one each.
   */
  private EpisodeChange refold(Timeline t) {
    List<Episode> before = t.episodes;
    List<Episode> folded = Episodes.ofProvider(t.provider, t.byStart);
    Map<Episode, Episode> held = new HashMap<>(before.size() * 2);
    before.forEach(e -> held.put(e, e));
    List<Episode> after = new ArrayList<>(folded.size());
    List<Episode> added = new ArrayList<>();
    for (Episode e : folded) {
      Episode same = held.remove(e);
      if (same == null) {
        added.add(e);
        after.add(e);
      } else {
        after.add(same);
      }
    }
    List<Episode> removed = new ArrayList<>(held.size());
    for (Episode e : before) {
      if (held.containsKey(e)) {
        removed.add(e);
      }
    }
    byOnset.removeAll(removed);
    byOnset.addAll(added);
    for (Episode e : removed) {
      anyOnsets.remove(e.onset().toEpochMilli());
      if (SeverityLevel.MAJOR.includes(e.severity())) {
        majorOnsets.remove(e.onset().toEpochMilli());
      }
    }
    for (Episode e : added) {
      anyOnsets.add(e.onset().toEpochMilli());
      if (SeverityLevel.MAJOR.includes(e.severity())) {
        majorOnsets.add(e.onset().toEpochMilli());
      }
    }
    t.episodes = List.copyOf(after);
    return new EpisodeChange(t.provider, removed, added);
  }

  /** Episodes with onsets in [from, to], ordered by onset. */
  NavigableSet<Episode> between(Instant from, Instant to) {
    if (from.isAfter(to)) {
      return new TreeSet<>(Episode.BY_ONSET);
    }
    return byOnset.subSet(probe(from, ""), true, probe(to, "\uffff"), true);
  }

  /**
   * Onsets (epoch millis) within [from, to] at a severity level, in order, in the first {@link
   * #onsetCount(SeverityLevel)} places of an array reused by the next call at that level.
   */
  long[] onsetsBetween(SeverityLevel level, long from, long to) {
    return (level == SeverityLevel.ANY ? anyOnsets : majorOnsets).between(from, to);
  }

  /** How many onsets at a severity level lie within [from, to]. */
  int countOnsets(SeverityLevel level, long from, long to) {
    return (level == SeverityLevel.ANY ? anyOnsets : majorOnsets).count(from, to);
  }

  int onsetCount(SeverityLevel level) {
    return (level == SeverityLevel.ANY ? anyOnsets : majorOnsets).lastCount();
  }

  NavigableSet<Episode> all() {
    return byOnset;
  }

  private static Episode probe(Instant onset, String provider) {
    return new Episode(provider, onset, null, List.of());
  }
}
