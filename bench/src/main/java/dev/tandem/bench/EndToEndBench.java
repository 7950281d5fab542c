package dev.tandem.bench;

import dev.tandem.raw.RawStatus;
import dev.tandem.simulate.SimulationSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Tandem end to end against the broker's own ceiling, in one run on an in-process broker and
 * registry: {@code java -cp bench/target/tandem-bench.jar dev.tandem.bench.EndToEndBench}. Prints
 * Markdown tables on stdout, progress on stderr.
 */
@Command(
    name = "EndToEndBench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures, on one in-process Kafka broker and registry: the throughput of a copy-only Kafka"
          + " Streams application (the ceiling) and of Tandem (raw to outages) on the same pre-filled"
          + " records, for each commit interval; alert latency at a steady rate; and Tandem's"
          + " throughput with 1 and 2 instances.",
      "The records are those of tandem simulate with the same --providers, --days, --shared and"
          + " --seed: the same flags give the same load."
    })
public final class EndToEndBench implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--providers", defaultValue = "1000", description = "Simulated providers.")
  int providers;

  @Option(names = "--days", defaultValue = "45", description = "Simulated days.")
  int days;

  @Option(names = "--shared", defaultValue = "20", description = "Planted shared outages.")
  int shared;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulation.")
  long seed;

  @Option(
      names = "--records",
      defaultValue = "20000",
      description = "Raw records pre-filled for each throughput run (the first simulated).")
  int records;

  @Option(
      names = "--warmup-records",
      defaultValue = "20000",
      description =
          "Records of the unreported warm-up run of each application, before the others (0: none).")
  int warmupRecords;

  @Option(
      names = "--ceiling-copies",
      defaultValue = "5",
      description =
          "The ceiling copies the pre-filled records written this many times over (it is through"
              + " one copy in a few commit intervals, too short to time).")
  int ceilingCopies;

  @Option(
      names = "--ceiling-runs",
      defaultValue = "3",
      description = "Runs of the ceiling per commit interval; the median is reported.")
  int ceilingRuns;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description = "Partitions of every topic (the correlate stage has one regardless).")
  int partitions;

  @Option(
      names = "--commit-intervals",
      split = ",",
      defaultValue = "100,50,20",
      description = "commit.interval.ms values to measure, comma-separated.")
  List<Long> commitIntervals;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Raw records a second during the latency runs.")
  int rate;

  @Option(
      names = "--latency-seconds",
      defaultValue = "20",
      description = "Length of each latency run, warm-up included.")
  int latencySeconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "5",
      description = "Seconds of load before the first probe.")
  int warmupSeconds;

  @Option(
      names = "--probe-every-ms",
      defaultValue = "100",
      description = "A probe pair (two of the records) this often.")
  int probeEveryMs;

  @Option(
      names = "--max-instances",
      defaultValue = "2",
      description = "Scale-out measured with 1 to this many instances.")
  int maxInstances;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the bench with these flags; the exit code (2: a bad flag). */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    return BenchCommandLine.run(new EndToEndBench(), "EndToEndBench", out, err, args);
  }

  @Override
  public Integer call() throws Exception {
    SimulationSettings simulation = validated();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    int latencyRecords = rate * latencySeconds;
    log.println("simulating ...");
    log.flush();
    List<RawStatus> load =
        SimulatedLoad.records(simulation, Math.max(records, latencyRecords + latencyRecords / 10));
    if (load.size() < records || load.size() < latencyRecords) {
      throw new ParameterException(
          spec.commandLine(),
          "the simulation makes only "
              + load.size()
              + " records; --records "
              + records
              + " and --rate × --latency-seconds "
              + latencyRecords
              + " need more (raise --days or --providers)");
    }
    List<RawStatus> filled = load.subList(0, records);
    long tandemDefault = TandemRun.defaultCommitIntervalMs();
    Path workDir = BenchRuns.temporaryDirectory();
    String loadBefore = MachineHeader.loadAverage();
    ResultTable byInterval =
        new ResultTable(
            "commit.interval.ms",
            "ceiling (records/s)",
            "Tandem (records/s)",
            "Tandem / ceiling",
            "alert p50 (ms)",
            "alert p99 (ms)",
            "alert max (ms)",
            "probes opened");
    ResultTable scaleOut =
        new ResultTable(
            "instances × stream threads",
            "Tandem (records/s)",
            "raw committed at (s)",
            "all stages done at (s)");
    Map<Long, Throughput> singleInstance = new LinkedHashMap<>();
    try (InProcessStack stack = InProcessStack.start()) {
      BenchRuns runs = new BenchRuns(stack, workDir, partitions, ceilingCopies, log);
      if (warmupRecords > 0) {
        runs.warmUp(filled.subList(0, Math.min(filled.size(), warmupRecords)), tandemDefault);
      }
      for (long interval : commitIntervals) {
        Throughput ceiling = runs.ceiling(filled, interval, ceilingRuns);
        Throughput tandem = runs.tandem(filled, interval, 1, 1);
        singleInstance.put(interval, tandem);
        LatencySummary latency =
            runs.latency(
                load,
                interval,
                rate,
                Duration.ofSeconds(latencySeconds),
                Duration.ofSeconds(warmupSeconds),
                Duration.ofMillis(probeEveryMs));
        byInterval.row(
            interval + (interval == tandemDefault ? " (Tandem's default)" : ""),
            number(ceiling.perSecond()),
            number(tandem.perSecond()),
            String.format(Locale.ROOT, "%.2f", tandem.perSecond() / ceiling.perSecond()),
            Long.toString(latency.p50()),
            Long.toString(latency.p99()),
            Long.toString(latency.max()),
            latency.opened() + " / " + latency.probes());
      }
      // n instances of one thread each; then, as many threads in one instance, which tells
      // whether a gain comes from more machines or only from more threads.
      List<int[]> shapes = new ArrayList<>();
      for (int n = 1; n <= maxInstances; n++) {
        shapes.add(new int[] {n, 1});
      }
      if (maxInstances > 1) {
        shapes.add(new int[] {1, maxInstances});
      }
      for (int[] shape : shapes) {
        Throughput measured =
            shape[0] == 1 && shape[1] == 1 ? singleInstance.get(tandemDefault) : null;
        Throughput t =
            measured != null ? measured : runs.tandem(filled, tandemDefault, shape[0], shape[1]);
        scaleOut.row(
            shape[0] + " × " + shape[1],
            number(t.perSecond()),
            String.format(Locale.ROOT, "%.2f", t.inputSeconds()),
            String.format(Locale.ROOT, "%.2f", t.seconds()));
      }
    } finally {
      Utils.delete(workDir.toFile());
    }
    MachineHeader.print(out, "Tandem end to end against the broker's ceiling", "", loadBefore);
    out.printf(
        Locale.ROOT,
        "load: tandem simulate --providers %d --days %d --shared %d --seed %d; %,d raw records"
            + " pre-filled per throughput run (the ceiling's written %d times over; ceiling: median of %d"
            + " run(s); warm-up: %,d records"
            + " through each application first, not reported), %d partitions; latency at %,d records/s for %d s"
            + " (probes after %d s, a pair every %d ms)%n",
        providers,
        days,
        shared,
        seed,
        records,
        ceilingCopies,
        ceilingRuns,
        warmupRecords,
        partitions,
        rate,
        latencySeconds,
        warmupSeconds,
        probeEveryMs);
    out.println();
    byInterval.print(out);
    out.println();
    out.printf(Locale.ROOT, "scale-out at commit.interval.ms %d:%n%n", tandemDefault);
    scaleOut.print(out);
    return 0;
  }

  /** The flags checked together, each message naming its flag. */
  private SimulationSettings validated() {
    List<String> problems = new ArrayList<>();
    if (records < 1) {
      problems.add("--records must be at least 1");
    }
    if (warmupRecords < 0) {
      problems.add("--warmup-records must not be negative");
    }
    if (ceilingCopies < 1) {
      problems.add("--ceiling-copies must be at least 1");
    }
    if (ceilingRuns < 1) {
      problems.add("--ceiling-runs must be at least 1");
    }
    if (partitions < 1) {
      problems.add("--partitions must be at least 1");
    }
    if (rate < 1) {
      problems.add("--rate must be at least 1");
    }
    if (probeEveryMs < 2) {
      problems.add("--probe-every-ms must be at least 2");
    }
    if (warmupSeconds < 0 || latencySeconds <= warmupSeconds) {
      problems.add("--latency-seconds must be more than --warmup-seconds (and neither negative)");
    }
    if (maxInstances < 1) {
      problems.add("--max-instances must be at least 1");
    }
    if (commitIntervals.isEmpty() || commitIntervals.stream().anyMatch(c -> c < 1)) {
      problems.add("--commit-intervals must be positive numbers of milliseconds");
    }
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("; ", problems));
    }
    try {
      return SimulationSettings.of(providers, days, shared, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String number(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }
}
