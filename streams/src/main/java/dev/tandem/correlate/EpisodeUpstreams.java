package dev.tandem.correlate;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upstreams of each episode, each worked out once: linking compares every pair of nearby
 * episodes, and reading incident text for upstream names is not free. An episode is immutable, so
 * what it depends on never changes; live correlation keeps one of these for as long as it holds the
 * episode ({@link #forget}).
 */
final class EpisodeUpstreams {

  private final DependencyGraph graph;
  private final Map<Episode, Set<String>> memo = new HashMap<>();

  /**
   * One instance of each distinct set: most episodes have none or the same few upstreams, and a set
   * per episode held would cost more than the episode.
   */
  private final Map<Set<String>, Set<String>> distinct = new HashMap<>();

  EpisodeUpstreams(DependencyGraph graph) {
    this.graph = graph;
  }

  /** Forgets an episode that is no longer held. */
  void forget(Episode episode) {
    memo.remove(episode);
  }

  void forgetAll() {
    memo.clear();
    distinct.clear();
  }

  Set<String> of(Episode episode) {
    Set<String> known = memo.get(episode);
    if (known == null) {
      Set<String> worked = Collections.unmodifiableSet(graph.upstreamsOf(episode));
      known = distinct.computeIfAbsent(worked, s -> s);
      memo.put(episode, known);
    }
    return known;
  }

  boolean isUpstreamOf(String upstream, Episode dependent) {
    return of(dependent).contains(upstream);
  }

  /** Whether either episode depends on the other's provider. */
  boolean related(Episode a, Episode b) {
    return isUpstreamOf(a.provider(), b) || isUpstreamOf(b.provider(), a);
  }

  /**
   * Whether the graph itself declares the dependency, as opposed to the episode's incidents
   * revealing it.
   */
  boolean declared(String upstream, Episode dependent) {
    return graph.isUpstreamOf(upstream, dependent.provider());
  }

  Optional<String> why(String upstream, Episode dependent) {
    return graph.why(upstream, dependent);
  }
}
