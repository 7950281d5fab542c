package dev.tandem.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links between episodes that the incidents themselves justify, whatever the background: a
 * dependent and its upstream within the dependency window, and two dependents of the same upstream
 * within the correlation window.
 */
final class EvidenceLinks {

  private final CorrelationSettings settings;
  private final EpisodeUpstreams upstreams;

  EvidenceLinks(CorrelationSettings settings, EpisodeUpstreams upstreams) {
    this.settings = settings;
    this.upstreams = upstreams;
  }

  /** Pairs of indices into {@code sorted} (by onset) linked by evidence. */
  List<int[]> among(List<Episode> sorted) {
    List<int[]> links = new ArrayList<>();
    Map<String, List<Integer>> byProvider = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      byProvider.computeIfAbsent(sorted.get(i).provider(), k -> new ArrayList<>()).add(i);
    }
    List<Integer> dependents = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Episode e = sorted.get(i);
      Set<String> ups = upstreams.of(e);
      if (ups.isEmpty()) {
        continue;
      }
      dependents.add(i);
      for (String upstream : ups) {
        for (int j : byProvider.getOrDefault(upstream, List.of())) {
          if (Episode.distance(e, sorted.get(j)).compareTo(settings.dependencyWindow()) <= 0) {
            links.add(new int[] {i, j});
          }
        }
      }
    }
    Duration window = settings.window();
    for (int a = 0; a < dependents.size(); a++) {
      Episode e = sorted.get(dependents.get(a));
      for (int b = a + 1; b < dependents.size(); b++) {
        Episode f = sorted.get(dependents.get(b));
        if (Episode.distance(e, f).compareTo(window) > 0) {
          break;
        }
        if (!e.provider().equals(f.provider()) && shareUpstream(upstreams.of(e), upstreams.of(f))) {
          links.add(new int[] {dependents.get(a), dependents.get(b)});
        }
      }
    }
    return links;
  }

  private static boolean shareUpstream(Set<String> a, Set<String> b) {
    for (String u : a) {
      if (b.contains(u)) {
        return true;
      }
    }
    return false;
  }
}
