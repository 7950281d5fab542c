package dev.tandem.bench;

import dev.tandem.pipeline.PipelineProgress;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;

/**
 * The measured runs, each on topics and an application id of its own on the one broker, so no run
 * sees another's records or offsets.
 */
final class BenchRuns {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

  private final InProcessStack stack;
  private final Path workDir;
  private final int partitions;
  private final int ceilingCopies;
  private final PrintWriter log;
  private int runs;

  /**
   * @param ceilingCopies how many times over the ceiling's input holds the records
   */
  BenchRuns(
      InProcessStack stack, Path workDir, int partitions, int ceilingCopies, PrintWriter log) {
    this.stack = stack;
    this.ceilingCopies = ceilingCopies;
    this.workDir = workDir;
    this.partitions = partitions;
    this.log = log;
  }

  /**
   * The copy-only application through the records, the median of {@code repeats} runs: it is done
   * in about a second, so one run is at the mercy of a collection or a rebalance.
   */
  Throughput ceiling(List<RawStatus> records, long commitIntervalMs, int repeats) throws Exception {
    List<Throughput> runs = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      runs.add(ceilingOnce(records, commitIntervalMs));
    }
    return Throughput.median(runs);
  }

  private Throughput ceilingOnce(List<RawStatus> records, long commitIntervalMs) throws Exception {
    String prefix = nextPrefix("ceiling");
    String raw = prefix + ".raw";
    String copy = prefix + ".copy";
    RawTopic.create(stack.bootstrapServers(), partitions, raw, copy);
    // The copy goes through the records in a few commit intervals: written several times over, they
    // last long enough for a poll every 25 ms to time them. A copy does not read what it copies,
    // so repeats cost it what new records would.
    List<RawStatus> repeated = new ArrayList<>(records.size() * ceilingCopies);
    for (int i = 0; i < ceilingCopies; i++) {
      repeated.addAll(records);
    }
    RawTopic.fill(stack.bootstrapServers(), raw, repeated);
    progress("ceiling, commit.interval.ms " + commitIntervalMs);
    try (Admin admin = admin()) {
      CommittedToEnd input = new CommittedToEnd(admin, prefix, raw, partitions);
      // The admin client connected before the clock starts, so its first call is not timed.
      input.end();
      CompletableFuture<FirstCommit> first = FirstCommit.watch(input);
      try (CeilingApp app =
          CeilingApp.start(
              stack.bootstrapServers(),
              prefix,
              raw,
              copy,
              commitIntervalMs,
              Files.createDirectories(workDir.resolve(prefix)))) {
        // Under exactly-once the copies are committed with the input offsets: input done is done.
        return report(
            Throughput.measure(
                FirstCommit.await(first, START_TIMEOUT), input, () -> true, RUN_TIMEOUT));
      } finally {
        first.cancel(false);
      }
    }
  }

  /**
   * Tandem, raw to outages, with {@code instances} instances of one application, each with {@code
   * streamThreads} stream threads.
   */
  Throughput tandem(
      List<RawStatus> records, long commitIntervalMs, int instances, int streamThreads)
      throws Exception {
    String prefix = nextPrefix("tandem" + instances + "x" + streamThreads);
    List<TandemConfig> configs = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      configs.add(
          TandemRun.config(
              stack,
              prefix,
              Files.createDirectories(workDir.resolve(prefix + "-" + i)),
              partitions,
              commitIntervalMs,
              streamThreads,
              null));
    }
    String raw = configs.get(0).topics().raw();
    RawTopic.create(stack.bootstrapServers(), partitions, raw);
    RawTopic.fill(stack.bootstrapServers(), raw, records);
    progress(
        "tandem, "
            + instances
            + " instance"
            + (instances == 1 ? "" : "s")
            + " × "
            + streamThreads
            + " stream thread"
            + (streamThreads == 1 ? "" : "s")
            + ", commit.interval.ms "
            + commitIntervalMs);
    try (Admin admin = admin()) {
      CommittedToEnd input = new CommittedToEnd(admin, prefix, raw, partitions);
      input.end();
      // Every stage's input committed to its end: Tandem's own test, as the demo waits on it.
      PipelineProgress pipeline = new PipelineProgress(admin, prefix, configs.get(0).topics());
      CompletableFuture<FirstCommit> first = FirstCommit.watch(input);
      List<TandemApp> apps = startAll(configs);
      try {
        return report(
            Throughput.measure(
                FirstCommit.await(first, START_TIMEOUT), input, pipeline::caughtUp, RUN_TIMEOUT));
      } finally {
        first.cancel(false);
        apps.forEach(TandemApp::close);
      }
    }
  }

  /** Alert latency at a steady rate, one instance. */
  LatencySummary latency(
      List<RawStatus> background,
      long commitIntervalMs,
      int rate,
      Duration duration,
      Duration warmup,
      Duration probeEvery)
      throws Exception {
    String prefix = nextPrefix("latency");
    int pairs =
        (int) Math.max(0, (duration.toMillis() - warmup.toMillis()) / probeEvery.toMillis());
    ProbePairs probes = new ProbePairs(pairs);
    Path dependencies = probes.writeDependencies(workDir.resolve(prefix + "-dependencies.yaml"));
    TandemConfig config =
        TandemRun.config(
            stack,
            prefix,
            Files.createDirectories(workDir.resolve(prefix)),
            partitions,
            commitIntervalMs,
            1,
            dependencies);
    RawTopic.create(stack.bootstrapServers(), partitions, config.topics().raw());
    progress("latency at " + rate + " records/s, commit.interval.ms " + commitIntervalMs);
    try (TandemApp app = TandemApp.start(config, START_TIMEOUT);
        Admin admin = admin()) {
      PipelineProgress pipeline = new PipelineProgress(admin, prefix, config.topics());
      LatencySummary summary =
          new LatencyProbe(
                  stack.bootstrapServers(), config.topics().raw(), config.topics().outagesJson())
              .run(background, rate, duration, warmup, probeEvery, probes, pipeline::caughtUp);
      log.printf(
          "  %d of %d probes opened: p50 %d ms, p99 %d ms, max %d ms%n",
          summary.opened(), summary.probes(), summary.p50(), summary.p99(), summary.max());
      log.flush();
      return summary;
    }
  }

  /**
   * One unreported run of each application, so that the first figure is not the one that paid for
   * the JIT compilation of the broker, the clients and Tandem.
   */
  void warmUp(List<RawStatus> records, long commitIntervalMs) throws Exception {
    log.println("warming up (not reported):");
    ceilingOnce(records, commitIntervalMs);
    tandem(records, commitIntervalMs, 1, 1);
  }

  /** Starts the instances together, as a deployment of several would, and waits for all. */
  private static List<TandemApp> startAll(List<TandemConfig> configs) throws Exception {
    ExecutorService starter = Executors.newFixedThreadPool(configs.size());
    try {
      List<Future<TandemApp>> starting = new ArrayList<>();
      for (TandemConfig config : configs) {
        starting.add(starter.submit(() -> TandemApp.start(config, START_TIMEOUT)));
      }
      List<TandemApp> apps = new ArrayList<>();
      try {
        for (Future<TandemApp> f : starting) {
          apps.add(f.get());
        }
      } catch (ExecutionException e) {
        apps.forEach(TandemApp::close);
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      return apps;
    } finally {
      starter.shutdown();
    }
  }

  private Throughput report(Throughput t) {
    log.printf(
        "  %,d records in %.2f s (input committed at %.2f s): %,.0f records/s%n",
        t.records(), t.seconds(), t.inputSeconds(), t.perSecond());
    log.flush();
    return t;
  }

  private void progress(String what) {
    log.println("measuring " + what + " ...");
    log.flush();
  }

  private String nextPrefix(String what) {
    return "bench-" + ++runs + "-" + what;
  }

  private Admin admin() {
    return Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
  }

  static Path temporaryDirectory() throws IOException {
    return Files.createTempDirectory("tandem-bench-");
  }
}
