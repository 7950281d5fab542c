package dev.tandem.bench;

import dev.tandem.normalize.GcpAdapter;
import dev.tandem.normalize.Normalizer;
import dev.tandem.normalize.ParseResult;
import dev.tandem.normalize.RssAdapter;
import dev.tandem.normalize.StatuspageAdapter;
import dev.tandem.raw.RawStatus;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Vendor documents through the {@link Normalizer} (the format header set, as collectors set it):
 * documents a second on one thread is the score, and the secondary {@code updates} score is the
 * StatusUpdates those documents make a second. Each benchmark cycles through {@link #VARIANTS}
 * seeded documents of {@link #INCIDENTS} incidents ({@link VendorDocuments}).
 *
 * <p>{@code java -jar bench/target/tandem-bench.jar ParsingBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParsingBenchmark {

  /** Incidents (RSS: items) in each document: Statuspage's incidents.json lists the newest 50. */
  static final int INCIDENTS = 50;

  /** Distinct documents per format, parsed in turn. */
  static final int VARIANTS = 8;

  private static final Instant RECEIVED = Instant.parse("2026-12-01T00:00:00Z");

  private final Normalizer normalizer = Normalizer.withDefaultAdapters();
  private RawStatus[] statuspage;
  private RawStatus[] gcp;
  private RawStatus[] rss;

  /** The StatusUpdates made, reported by JMH as a rate next to the documents a second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Updates {
    public long updates;
    int next;

    @Setup(Level.Iteration)
    public void reset() {
      updates = 0;
    }
  }

  @Setup(Level.Trial)
  public void generate() {
    statuspage =
        documents(
            "statuspage incidents.json",
            StatuspageAdapter.FORMAT,
            "https://www.examplestatus.com/api/v2/incidents.json",
            seed -> VendorDocuments.statuspageIncidents(seed, INCIDENTS));
    gcp =
        documents(
            "gcp incidents.json",
            GcpAdapter.FORMAT,
            "https://status.cloud.google.com/incidents.json",
            seed -> VendorDocuments.gcpIncidents(seed, INCIDENTS));
    rss =
        documents(
            "statuspage history.rss",
            RssAdapter.FORMAT,
            "https://www.examplestatus.com/history.rss",
            seed -> VendorDocuments.statuspageHistoryRss(seed, INCIDENTS));
  }

  /** The variants, each parsed once here: a document the normalizer refuses is a bench bug. */
  private RawStatus[] documents(
      String what, String format, String source, LongFunction<byte[]> generator) {
    RawStatus[] payloads = new RawStatus[VARIANTS];
    long bytes = 0;
    long updates = 0;
    for (int v = 0; v < VARIANTS; v++) {
      payloads[v] = new RawStatus("example", format, source, RECEIVED, generator.apply(42 + v));
      bytes += payloads[v].payload().length;
      updates += parsed(payloads[v]);
    }
    System.out.printf(
        "%s: %d documents of %d incidents, on average %d bytes and %.1f updates%n",
        what, VARIANTS, INCIDENTS, bytes / VARIANTS, (double) updates / VARIANTS);
    return payloads;
  }

  private int parsed(RawStatus payload) {
    ParseResult result = normalizer.normalize(payload);
    if (result instanceof ParseResult.Parsed parsed) {
      return parsed.updates().size();
    }
    throw new IllegalStateException(
        "generated "
            + payload.format()
            + " document refused: "
            + ((ParseResult.Failed) result).reason());
  }

  private ParseResult normalize(RawStatus[] documents, Updates counter) {
    RawStatus document = documents[counter.next++ % VARIANTS];
    ParseResult result = normalizer.normalize(document);
    counter.updates += ((ParseResult.Parsed) result).updates().size();
    return result;
  }

  /** Atlassian Statuspage v2 incidents.json, 50 incidents. */
  @Benchmark
  public ParseResult statuspageIncidents(Updates counter) {
    return normalize(statuspage, counter);
  }

  /** Google Cloud incidents.json, 50 incidents. */
  @Benchmark
  public ParseResult gcpIncidents(Updates counter) {
    return normalize(gcp, counter);
  }

  /** Statuspage history.rss, 50 items. */
  @Benchmark
  public ParseResult rssFeed(Updates counter) {
    return normalize(rss, counter);
  }
}
