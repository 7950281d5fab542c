package dev.tandem.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names the most likely common cause of a cluster from the dependency graph: a member that is a
 * declared upstream of the others; else an upstream that three or more members share but that has
 * not reported yet; else none.
 */
public final class CauseFinder {

  /** So many members must share a silent upstream before Tandem blames it. */
  static final int MIN_MEMBERS_FOR_SILENT_UPSTREAM = 3;

  private final DependencyGraph graph;

  public CauseFinder(DependencyGraph graph) {
    this.graph = graph;
  }

  public Cause find(OutageCluster cluster) {
    SortedSet<String> providers = cluster.providers();
    // A reporting member that is upstream of the most other members; ties go to the earliest onset.
    String best = null;
    List<String> bestDependents = List.of();
    for (Episode episode : cluster.episodes()) {
      String candidate = episode.provider();
      List<String> dependents = providers.stream().filter(p -> graph.isUpstreamOf(candidate, p)).toList();
      if (dependents.size() > bestDependents.size()) {
        best = candidate;
        bestDependents = dependents;
      }
    }
    if (best != null) {
      return new Cause(best, true, "declared upstream of " + String.join(", ", bestDependents));
    }
    Map<String, SortedSet<String>> sharing = new TreeMap<>();
    for (String provider : providers) {
      for (String upstream : graph.upstreamsOf(provider)) {
        sharing.computeIfAbsent(upstream, k -> new TreeSet<>()).add(provider);
      }
    }
    String silent = null;
    SortedSet<String> silentDependents = new TreeSet<>();
    for (Map.Entry<String, SortedSet<String>> entry : sharing.entrySet()) {
      if (entry.getValue().size() >= MIN_MEMBERS_FOR_SILENT_UPSTREAM && entry.getValue().size() > silentDependents.size()) {
        silent = entry.getKey();
        silentDependents = entry.getValue();
      }
    }
    if (silent != null) {
      return new Cause(silent, false,
          "shared upstream of " + String.join(", ", new ArrayList<>(silentDependents)) + "; not reporting yet");
    }
    return Cause.none("no declared upstream among the members; earliest member: " + cluster.anchor().provider());
  }
}
