package dev.tandem.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Names the most likely common cause of a cluster: a member that the others depend on (declared,
 * through a named component, or named in their incidents); else an upstream that three or more
 * members depend on but that has not reported yet; else none.
 */
public final class CauseFinder {

  /** So many members must share a silent upstream before Tandem blames it. */
  static final int MIN_MEMBERS_FOR_SILENT_UPSTREAM = 3;

  private final EpisodeUpstreams upstreams;

  CauseFinder(EpisodeUpstreams upstreams) {
    this.upstreams = upstreams;
  }

  private List<String> dependentsOf(String upstream, OutageCluster cluster, boolean anyHow) {
    return cluster.episodes().stream()
        .filter(e -> anyHow ? upstreams.isUpstreamOf(upstream, e) : upstreams.declared(upstream, e))
        .map(Episode::provider)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * "declared upstream of a, b", and "named by the incidents of c" for dependencies the incidents
   * reveal.
   */
  private String reason(String upstream, OutageCluster cluster) {
    List<String> declared = dependentsOf(upstream, cluster, false);
    List<String> revealed = new ArrayList<>(dependentsOf(upstream, cluster, true));
    revealed.removeAll(declared);
    List<String> parts = new ArrayList<>();
    if (!declared.isEmpty()) {
      parts.add("declared upstream of " + String.join(", ", declared));
    }
    if (!revealed.isEmpty()) {
      parts.add("named by the incidents of " + String.join(", ", revealed));
    }
    return String.join("; ", parts);
  }

  public Cause find(OutageCluster cluster) {
    // A reporting member that the most other members depend on; ties go to the earliest onset.
    String best = null;
    List<String> bestDependents = List.of();
    for (Episode episode : cluster.episodes()) {
      String candidate = episode.provider();
      List<String> dependents = dependentsOf(candidate, cluster, true);
      if (dependents.size() > bestDependents.size()) {
        best = candidate;
        bestDependents = dependents;
      }
    }
    if (best != null) {
      return new Cause(best, true, reason(best, cluster));
    }
    Map<String, SortedSet<String>> sharing = new TreeMap<>();
    for (Episode episode : cluster.episodes()) {
      for (String upstream : upstreams.of(episode)) {
        sharing.computeIfAbsent(upstream, k -> new TreeSet<>()).add(episode.provider());
      }
    }
    String silent = null;
    SortedSet<String> silentDependents = new TreeSet<>();
    for (Map.Entry<String, SortedSet<String>> entry : sharing.entrySet()) {
      if (entry.getValue().size() >= MIN_MEMBERS_FOR_SILENT_UPSTREAM
          && entry.getValue().size() > silentDependents.size()) {
        silent = entry.getKey();
        silentDependents = entry.getValue();
      }
    }
    if (silent != null) {
      return new Cause(
          silent,
          false,
          "shared upstream of "
              + String.join(", ", new ArrayList<>(silentDependents))
              + "; not reporting yet");
    }
    return Cause.none(
        "no upstream of the others among the members; earliest member: "
            + cluster.anchor().provider());
  }
}
