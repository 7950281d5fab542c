package dev.tandem.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups episodes into clusters: two episodes of different providers are linked when their onsets
 * lie within the window (the wider dependency window when one is a declared upstream of the other);
 * a cluster is a connected group of links, cut where its onsets would span more than the maximum.
 * A function of the set of episodes only, never of their arrival order.
 */
public final class Clustering {

  private final CorrelationSettings settings;
  private final EpisodeUpstreams upstreams;

  Clustering(CorrelationSettings settings, EpisodeUpstreams upstreams) {
    this.settings = settings;
    this.upstreams = upstreams;
  }

  /** Whether two episodes are linked, and so belong to the same cluster. */
  public boolean linked(Episode a, Episode b) {
    if (a.provider().equals(b.provider())) {
      return false;
    }
    return distance(a, b).compareTo(windowFor(a, b)) <= 0;
  }

  /** The window that applies between two episodes: the wider one when either depends on the other. */
  public Duration windowFor(Episode a, Episode b) {
    return upstreams.related(a, b) ? settings.dependencyWindow() : settings.window();
  }

  public static Duration distance(Episode a, Episode b) {
    return Duration.between(a.onset(), b.onset()).abs();
  }

  /** Clusters of the given episodes (any order), each ordered by onset; singletons included. */
  public List<OutageCluster> clusters(List<Episode> episodes) {
    List<Episode> sorted = episodes.stream().sorted(Episode.BY_ONSET).toList();
    int n = sorted.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        // Sorted by onset: past the widest window nothing later can link to i.
        if (Duration.between(sorted.get(i).onset(), sorted.get(j).onset()).compareTo(settings.dependencyWindow()) > 0) {
          break;
        }
        if (linked(sorted.get(i), sorted.get(j))) {
          union(parent, i, j);
        }
      }
    }
    Map<Integer, List<Episode>> components = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      components.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(sorted.get(i));
    }
    List<OutageCluster> clusters = new ArrayList<>();
    for (List<Episode> component : components.values()) {
      clusters.addAll(cutBySpan(component));
    }
    clusters.sort((x, y) -> Episode.BY_ONSET.compare(x.anchor(), y.anchor()));
    return clusters;
  }

  /** Splits a component (ordered by onset) wherever its span would exceed the maximum. */
  private List<OutageCluster> cutBySpan(List<Episode> component) {
    List<OutageCluster> pieces = new ArrayList<>();
    List<Episode> current = new ArrayList<>();
    for (Episode e : component) {
      if (!current.isEmpty() && Duration.between(current.get(0).onset(), e.onset()).compareTo(settings.maxSpan()) > 0) {
        pieces.add(new OutageCluster(current));
        current = new ArrayList<>();
      }
      current.add(e);
    }
    pieces.add(new OutageCluster(current));
    return pieces;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    // The smaller index (earlier onset) stays the root, keeping component order deterministic.
    if (ra < rb) {
      parent[rb] = ra;
    } else if (rb < ra) {
      parent[ra] = rb;
    }
  }
}
