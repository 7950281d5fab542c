package dev.tandem.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Folds each provider's incidents into episodes: overlapping incidents merge, gaps split. */
public final class Episodes {

  private Episodes() {}

  /** All episodes of all providers, ordered by onset; incidents that do not count are left out. */
  public static List<Episode> of(Collection<ProviderIncident> incidents) {
    Map<String, List<ProviderIncident>> byProvider =
        incidents.stream()
            .filter(ProviderIncident::counts)
            .collect(
                Collectors.groupingBy(
                    ProviderIncident::provider, TreeMap::new, Collectors.toList()));
    List<Episode> episodes = new ArrayList<>();
    byProvider.forEach((provider, list) -> episodes.addAll(ofProvider(provider, list)));
    episodes.sort(Episode.BY_ONSET);
    return episodes;
  }

  /**
   * One provider's episodes, from its incidents (any order; those that do not count are left out).
   */
  static List<Episode> ofProvider(String provider, Collection<ProviderIncident> incidents) {
    List<ProviderIncident> sorted = new ArrayList<>();
    for (ProviderIncident i : incidents) {
      if (i.counts()) {
        sorted.add(i);
      }
    }
    sorted.sort(
        Comparator.comparing(ProviderIncident::startedAt)
            .thenComparing(ProviderIncident::incidentId));
    List<Episode> episodes = new ArrayList<>();
    List<ProviderIncident> current = new ArrayList<>();
    Instant onset = null;
    Instant end = null; // null while open: an open incident swallows everything after it
    for (ProviderIncident incident : sorted) {
      boolean overlaps = onset != null && (end == null || !incident.startedAt().isAfter(end));
      if (!overlaps && onset != null) {
        episodes.add(new Episode(provider, onset, end, current));
        current = new ArrayList<>();
        onset = null;
      }
      if (onset == null) {
        onset = incident.startedAt();
        end = incident.resolvedAt();
      } else if (end != null) {
        end =
            incident.resolvedAt() == null || incident.resolvedAt().isAfter(end)
                ? incident.resolvedAt()
                : end;
      }
      current.add(incident);
    }
    if (onset != null) {
      episodes.add(new Episode(provider, onset, end, current));
    }
    return episodes;
  }
}
