package dev.tandem.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The work of {@link ParsingBenchmark} and {@link SerdeBenchmark} timed by the thread's CPU time
 * instead of the wall clock, without JMH: {@code java -cp bench/target/tandem-bench.jar
 * dev.tandem.bench.CpuTimePerOperation [seconds]}. On a machine that other processes keep busy,
 * JMH's operations a second fall with the share of a core the benchmark gets; operations per CPU
 * second (and bytes allocated an operation) do not. JMH stays the measurement of record.
 */
public final class CpuTimePerOperation {

  private static volatile Object sink;

  private CpuTimePerOperation() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    ParsingBenchmark parsing = new ParsingBenchmark();
    parsing.generate();
    ParsingBenchmark.Updates counter = new ParsingBenchmark.Updates();
    Map<String, Supplier<Object>> operations = new LinkedHashMap<>();
    operations.put("parse statuspage incidents.json", () -> parsing.statuspageIncidents(counter));
    operations.put("parse gcp incidents.json", () -> parsing.gcpIncidents(counter));
    operations.put("parse statuspage history.rss", () -> parsing.rssFeed(counter));
    for (String record : new String[] {"StatusUpdate", "Incident", "CorrelatedOutage"}) {
      SerdeBenchmark serde = new SerdeBenchmark();
      serde.record = record;
      serde.setUp();
      SerdeBenchmark.Cursor cursor = new SerdeBenchmark.Cursor();
      operations.put("encode " + record, () -> serde.encode(cursor));
      operations.put("decode " + record, () -> serde.decode(cursor));
    }
    // Every operation is compiled before any is measured: on a busy machine the JIT is slow too.
    operations.values().forEach(operation -> run(seconds, operation));
    operations.forEach(
        (what, operation) ->
            measure(what, seconds, what.startsWith("parse") ? counter : null, operation));
  }

  /** Runs {@code operation} for {@code seconds}, measured. */
  private static void measure(
      String what, double seconds, ParsingBenchmark.Updates counter, Supplier<Object> operation) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    if (counter != null) {
      counter.reset();
    }
    long cpu0 = threads.getCurrentThreadCpuTime();
    long allocated0 = threads.getThreadAllocatedBytes(thread);
    long wall0 = System.nanoTime();
    long operations = run(seconds, operation);
    long wall = System.nanoTime() - wall0;
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    long allocated = threads.getThreadAllocatedBytes(thread) - allocated0;
    System.out.printf(
        "%-34s %,12.0f ops/CPU-s %,12.0f ops/s wall (%3.0f%% of a core) %,11.0f B/op%s%n",
        what,
        operations / (cpu / 1e9),
        operations / (wall / 1e9),
        100.0 * cpu / wall,
        (double) allocated / operations,
        counter == null
            ? ""
            : String.format("  %,10.0f updates/CPU-s", counter.updates / (cpu / 1e9)));
  }

  private static long run(double seconds, Supplier<Object> operation) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long operations = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 16; i++) {
        sink = operation.get();
      }
      operations += 16;
    }
    return operations;
  }
}
