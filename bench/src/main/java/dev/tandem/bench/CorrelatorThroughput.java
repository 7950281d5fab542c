package dev.tandem.bench;

import dev.tandem.correlate.Correlation;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.correlate.ProviderIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quick figure without JMH's forks: {@code java -cp bench/target/tandem-bench.jar
 * dev.tandem.bench.CorrelatorThroughput [providers] [rounds]}. JMH's {@link CorrelatorBenchmark} is
 * the measurement of record; this prints the same quantity in seconds.
 */
public final class CorrelatorThroughput {

  private CorrelatorThroughput() {}

  public static void main(String[] args) {
    int providers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Instant start = Instant.parse("2026-01-05T00:00:00Z");
    List<ProviderIncident> all =
        IncidentTraffic.changes(providers, CorrelatorBenchmark.HELD_DAYS + 1, 42, start);
    Instant cut = start.plus(Duration.ofDays(CorrelatorBenchmark.HELD_DAYS));
    int split = 0;
    while (split < all.size()
        && (all.get(split).resolvedAt() != null
                ? all.get(split).resolvedAt()
                : all.get(split).startedAt())
            .isBefore(cut)) {
      split++;
    }
    List<ProviderIncident> history = all.subList(0, split);
    List<ProviderIncident> next = all.subList(split, all.size());
    Correlator correlator =
        new Correlator(CorrelationSettings.DEFAULTS, DependencyGraph.defaults());
    for (int round = 0; round < rounds; round++) {
      Correlation correlation = correlator.start();
      Map<String, ProviderIncident> latest = new LinkedHashMap<>();
      history.forEach(i -> latest.put(i.key(), i));
      long t0 = System.nanoTime();
      correlation.putAll(latest.values());
      long t1 = System.nanoTime();
      double rebuilt = (t1 - t0) / 1e9;
      int outages = correlation.outages().size();
      correlation.drainChanges();
      // The rebuild's garbage is not the changes' cost: collect it before timing them.
      System.gc();
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean)
              java.lang.management.ManagementFactory.getThreadMXBean();
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      t1 = System.nanoTime();
      long slowest = 0;
      long over100us = 0;
      long slowTotal = 0;
      for (ProviderIncident change : next) {
        long c0 = System.nanoTime();
        correlation.put(change);
        correlation.drainChanges();
        long took = System.nanoTime() - c0;
        slowest = Math.max(slowest, took);
        if (took > 100_000) {
          if (round == rounds - 1 && over100us < 12) {
            System.out.printf("  slow %.2f ms: %s%n", took / 1e6, change);
          }
          over100us++;
          slowTotal += took;
        }
      }
      System.out.printf(
          "slowest change %.1f ms; %d changes over 100 us took %.1f ms together%n",
          slowest / 1e6, over100us, slowTotal / 1e6);
      long t2 = System.nanoTime();
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      System.out.printf(
          "providers %d: %d incidents held (%d outages), rebuilt in %.2f s; %d changes in %.3f s = %.0f changes/s, %.0f bytes allocated a change%n",
          providers,
          latest.size(),
          outages,
          rebuilt,
          next.size(),
          (t2 - t1) / 1e9,
          next.size() / ((t2 - t1) / 1e9),
          (double) allocated / next.size());
    }
  }
}
