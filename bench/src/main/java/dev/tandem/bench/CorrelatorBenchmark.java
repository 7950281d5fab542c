package dev.tandem.bench;

import dev.tandem.correlate.Correlation;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.Correlator;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.correlate.ProviderIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plain-Java correlator alone: incident changes a second with a given number of providers
 * watched and 30 days of incidents held. Each invocation starts from the same 30 days of state and
 * applies the next changes one at a time, as the correlate stage does; the score is the time per
 * change, its inverse the changes a second on one core.
 *
 * <p>{@code java -jar bench/target/tandem-bench.jar CorrelatorBenchmark -p providers=10000}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@OperationsPerInvocation(CorrelatorBenchmark.CHANGES)
public class CorrelatorBenchmark {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final int HELD_DAYS = 30;

  /** Changes applied per invocation: the first of the day after the 30 days held. */
  static final int CHANGES = 4000;

  @Param({"10000"})
  public int providers;

  private List<ProviderIncident> history;
  private List<ProviderIncident> nextDay;
  private Correlator correlator;
  private Correlation correlation;

  @Setup(Level.Trial)
  public void generate() {
    List<ProviderIncident> all = IncidentTraffic.changes(providers, HELD_DAYS + 1, 42, START);
    Instant cut = START.plus(Duration.ofDays(HELD_DAYS));
    // Changes are in event order: those before the cut are the state, the rest are measured.
    int split = 0;
    while (split < all.size() && changeTime(all.get(split)).isBefore(cut)) {
      split++;
    }
    history = all.subList(0, split);
    nextDay = all.subList(split, Math.min(all.size(), split + CHANGES));
    if (nextDay.size() < CHANGES) {
      throw new IllegalStateException(
          "a day of "
              + providers
              + " providers makes only "
              + nextDay.size()
              + " changes; use more providers");
    }
    correlator = new Correlator(CorrelationSettings.DEFAULTS, DependencyGraph.defaults());
  }

  private static Instant changeTime(ProviderIncident i) {
    return i.resolvedAt() != null ? i.resolvedAt() : i.startedAt();
  }

  @Setup(Level.Invocation)
  public void holdThirtyDays() {
    correlation = correlator.start();
    java.util.Map<String, ProviderIncident> latest = new java.util.LinkedHashMap<>();
    history.forEach(i -> latest.put(i.key(), i));
    correlation.putAll(latest.values());
    correlation.drainChanges();
    // The rebuild's garbage is not the changes' cost.
    System.gc();
  }

  /** {@link #CHANGES} changes one at a time; the score is the time per change. */
  @Benchmark
  public int change() {
    int outages = 0;
    for (ProviderIncident change : nextDay) {
      correlation.put(change);
      outages += correlation.drainChanges().current().size();
    }
    return outages;
  }
}
