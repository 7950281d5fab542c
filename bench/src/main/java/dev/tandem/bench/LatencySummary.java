package dev.tandem.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Percentiles of the probes' latencies, by nearest rank: with a hundred or so probes a run, p99 is
 * one of the measured values, not an interpolation between two.
 *
 * @param probes probe pairs sent
 * @param opened of those, the pairs whose OPEN alert was read
 */
record LatencySummary(int probes, int opened, long p50, long p99, long max) {

  static LatencySummary of(int probes, List<Long> millis) {
    if (millis.isEmpty()) {
      return new LatencySummary(probes, 0, -1, -1, -1);
    }
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    return new LatencySummary(
        probes,
        sorted.size(),
        rank(sorted, 0.50),
        rank(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  private static long rank(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
