package dev.tandem.correlate;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upstreams of each episode for one round of correlation, each worked out once: linking
 * compares every pair of nearby episodes, and reading incident text for upstream names is not free.
 */
final class EpisodeUpstreams {

  private final DependencyGraph graph;
  private final Map<Episode, Set<String>> memo = new IdentityHashMap<>();

  EpisodeUpstreams(DependencyGraph graph) {
    this.graph = graph;
  }

  Set<String> of(Episode episode) {
    return memo.computeIfAbsent(episode, graph::upstreamsOf);
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
