package dev.tandem.bench;

import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.pipeline.PipelineProgress;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Memory and restore with a large held state: {@code java -cp bench/target/tandem-bench.jar
 * dev.tandem.bench.HeldStateBench}. Fills the raw topic of an in-process broker with {@link
 * HeldIncidents}, runs {@code tandem run} in a JVM of its own with a small heap until every record
 * has gone through, and reads its heap (GC log, after a full collection) and resident set; then
 * kills it, deletes its state directory, starts it again and times the rebuild from the changelogs
 * until a new outage is alerted. Prints a Markdown table on stdout, progress on stderr.
 */
@Command(
    name = "HeldStateBench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Memory and restore of a Tandem pipeline holding many incidents: heap and resident set of"
          + " tandem run in its own JVM, and the time to rebuild its stores from the changelogs"
          + " after its state directory is deleted."
    })
public final class HeldStateBench implements Callable<Integer> {

  /** The held incidents end here; the probe outage after restore comes an hour later. */
  static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  @Spec CommandSpec spec;

  @Option(names = "--providers", defaultValue = "10000", description = "Providers.")
  int providers;

  @Option(
      names = "--incidents",
      defaultValue = "1000000",
      description = "Incidents held (each sent as two raw records).")
  int incidents;

  @Option(
      names = "--days",
      defaultValue = "1825",
      description =
          "Days the incidents are spread over, ending 2026-01-01. The default, five years, gives"
              + " 10,000 providers about 1.7 incidents a month each.")
  int days;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the incidents.")
  long seed;

  @Option(names = "--heap", defaultValue = "256m", description = "-Xmx of the Tandem JVM.")
  String heap;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic.")
  int partitions;

  @Option(
      names = "--timeout-minutes",
      defaultValue = "60",
      description = "Give up when the pipeline has not caught up (or answered) within this.")
  int timeoutMinutes;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    return BenchCommandLine.run(new HeldStateBench(), "HeldStateBench", out, err, args);
  }

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter log = spec.commandLine().getErr();
    String loadBefore = MachineHeader.loadAverage();
    HeldIncidents held = new HeldIncidents(providers, incidents, days, seed, END);
    Duration correlationHolds = CorrelationSettings.DEFAULTS.retention().multipliedBy(2);
    ResultTable table = new ResultTable("measure", "figure");
    Path workDir = BenchRuns.temporaryDirectory();
    try (InProcessStack stack = InProcessStack.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      TandemTopics topics = TandemTopics.DEFAULTS;
      RawTopic.create(stack.bootstrapServers(), partitions, topics.raw());
      long t0 = System.nanoTime();
      log.printf(Locale.ROOT, "sending %,d raw records ...%n", held.records());
      log.flush();
      try (KafkaProducer<String, byte[]> producer = RawTopic.producer(stack.bootstrapServers())) {
        held.forEach(r -> producer.send(r.toProducerRecord(topics.raw())));
        producer.flush();
      }
      double sendSeconds = (System.nanoTime() - t0) / 1e9;
      Path stateDir = workDir.resolve("state");
      ProbePairs probes = new ProbePairs(1);
      List<String> runArguments =
          List.of(
              "--bootstrap-servers=" + stack.bootstrapServers(),
              "--schema-registry-url=" + stack.registryUrl(),
              "--state-dir=" + stateDir,
              "--partitions=" + partitions,
              "--http-port=-1",
              "--dependencies=" + probes.writeDependencies(workDir.resolve("dependencies.yaml")));
      PipelineProgress progress =
          new PipelineProgress(admin, TandemConfig.DEFAULT_APPLICATION_ID, topics);

      log.println("tandem run (" + heap + " heap) through every record ...");
      log.flush();
      TandemProcess.HeapFigures filled;
      long filledResident;
      double caughtUpSeconds;
      try (TandemProcess first = TandemProcess.start(workDir, "held", heap, runArguments)) {
        awaitRunning(first);
        awaitCaughtUp(first, progress, log);
        caughtUpSeconds = first.secondsSinceStart();
        first.collectGarbage();
        filled = first.heap();
        filledResident = first.residentHighWater();
        first.kill();
      }
      long stateBytes = sizeOf(stateDir);
      Utils.delete(stateDir.toFile());

      log.println("state directory deleted; tandem run again, and a new outage ...");
      log.flush();
      double runningSeconds;
      double answeredSeconds;
      TandemProcess.HeapFigures restored;
      long restoredResident;
      try (TandemProcess second = TandemProcess.start(workDir, "restored", heap, runArguments)) {
        try (KafkaProducer<String, byte[]> producer = RawTopic.producer(stack.bootstrapServers())) {
          Instant at = END.plus(Duration.ofHours(1));
          producer.send(ProbePairs.upstreamRecord(0, at).toProducerRecord(topics.raw()));
          producer.send(ProbePairs.dependentRecord(0, at).toProducerRecord(topics.raw()));
        }
        awaitRunning(second);
        runningSeconds = second.secondsSinceStart();
        awaitOpen(stack.bootstrapServers(), topics.outagesJson(), second);
        answeredSeconds = second.secondsSinceStart();
        second.collectGarbage();
        restored = second.heap();
        restoredResident = second.residentHighWater();
      }

      table.row("providers", String.format(Locale.ROOT, "%,d", held.providers()));
      table.row(
          "incidents held (track store)",
          String.format(Locale.ROOT, "%,d over %,d days", held.incidents(), days));
      table.row(
          "of them held for correlation (resolved within " + correlationHolds.toDays() + " days)",
          String.format(Locale.ROOT, "%,d", held.resolvedWithin(correlationHolds)));
      table.row(
          "raw records through the pipeline",
          String.format(
              Locale.ROOT,
              "%,d in %.0f s from JVM start (%,.0f a second; sent in %.0f s before)",
              held.records(),
              caughtUpSeconds,
              held.records() / caughtUpSeconds,
              sendSeconds));
      table.row("heap: -Xmx", heap);
      table.row(
          "heap: live after a full collection, everything held", megabytes(filled.lastFullAfter()));
      table.row(
          "heap: most after any collection",
          megabytes(filled.largestAfter())
              + String.format(Locale.ROOT, " (%,d collections)", filled.collections()));
      table.row("resident set high-water (VmHWM)", megabytes(filledResident));
      table.row("state directory on disk", megabytes(stateBytes));
      table.row(
          "restore: JVM start to RUNNING, state directory deleted",
          String.format(Locale.ROOT, "%.1f s", runningSeconds));
      table.row(
          "restore: JVM start to a new outage's OPEN readable",
          String.format(Locale.ROOT, "%.1f s", answeredSeconds));
      table.row("restore: heap live after a full collection", megabytes(restored.lastFullAfter()));
      table.row("restore: resident set high-water", megabytes(restoredResident));
    } finally {
      Utils.delete(workDir.toFile());
    }
    MachineHeader.print(
        out,
        "Tandem holding many incidents: memory and restore",
        " (the bench's JVM; Tandem's is -Xmx" + heap + ")",
        loadBefore);
    out.printf(
        Locale.ROOT,
        "load: HeldStateBench --providers %d --incidents %d --days %d --seed %d --partitions %d%n",
        providers,
        incidents,
        days,
        seed,
        partitions);
    out.println();
    table.print(out);
    return 0;
  }

  private void validate() {
    if (providers < 1 || incidents < 1 || days < 1 || days > 3650 || partitions < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--providers, --incidents and --partitions must be at least 1, --days 1 to 3650");
    }
    if (!heap.matches("\\d+[kKmMgG]")) {
      throw new ParameterException(spec.commandLine(), "--heap must look like 256m or 1g");
    }
    if (timeoutMinutes < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout-minutes must be at least 1");
    }
  }

  private static void awaitRunning(TandemProcess tandem) throws InterruptedException {
    if (!tandem.awaitLog("-> RUNNING", START_TIMEOUT)) {
      throw new IllegalStateException(
          "tandem run did not reach RUNNING within "
              + START_TIMEOUT.toSeconds()
              + " s; its log ends:\n"
              + tandem.logTail());
    }
  }

  private void awaitCaughtUp(TandemProcess tandem, PipelineProgress progress, PrintWriter log)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
    long lastReport = System.nanoTime();
    int streak = 0;
    while (streak < 2) {
      if (!tandem.isAlive()) {
        throw new IllegalStateException("tandem run ended; its log ends:\n" + tandem.logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "tandem run had not caught up after " + timeoutMinutes + " minutes");
      }
      long committed = progress.committedTotal();
      streak = committed >= 0 ? streak + 1 : 0;
      if (System.nanoTime() - lastReport > Duration.ofSeconds(30).toNanos()) {
        log.printf(
            Locale.ROOT,
            "  %.0f s: %,d offsets committed over the stages' inputs%n",
            tandem.secondsSinceStart(),
            committed >= 0 ? committed : -1 - committed);
        log.flush();
        lastReport = System.nanoTime();
      }
      Thread.sleep(500);
    }
  }

  /** Waits for the OPEN of probe pair 0, read_committed, as a user of the alerts reads it. */
  private void awaitOpen(String bootstrapServers, String topic, TandemProcess tandem)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
    try (KafkaConsumer<String, String> consumer = LatencyProbe.alertReader(bootstrapServers)) {
      List<TopicPartition> partitions = null;
      while (partitions == null || partitions.isEmpty()) {
        // The topic appears once the restarted pipeline has set up its topics.
        partitions =
            consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of()).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        if (partitions.isEmpty()) {
          checkAlive(tandem, deadline);
          Thread.sleep(200);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (LatencyProbe.probeOf(r.value()) == 0) {
            return;
          }
        }
        checkAlive(tandem, deadline);
      }
    }
  }

  private void checkAlive(TandemProcess tandem, long deadline) {
    if (!tandem.isAlive()) {
      throw new IllegalStateException("tandem run ended; its log ends:\n" + tandem.logTail());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "no alert for the new outage within " + timeoutMinutes + " minutes");
    }
  }

  private static long sizeOf(Path dir) {
    AtomicLong total = new AtomicLong();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              f -> {
                try {
                  total.addAndGet(Files.size(f));
                } catch (IOException e) {
                  // A file Kafka Streams removed while we walked counts for nothing.
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("could not measure " + dir, e);
    }
    return total.get();
  }

  private static String megabytes(long bytes) {
    return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }
}
