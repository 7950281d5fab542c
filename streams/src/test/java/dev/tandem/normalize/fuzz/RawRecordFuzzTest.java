package dev.tandem.normalize.fuzz;

import dev.tandem.contract.StatusUpdate;
import dev.tandem.deadletter.DeadLetterHeaders;
import dev.tandem.normalize.MockNormalizeStage;
import dev.tandem.normalize.NormalizeProcessor;
import dev.tandem.normalize.Normalized;
import dev.tandem.normalize.Normalizer;
import dev.tandem.normalize.ParseResult;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The raw-record path, fuzzed: a record of tandem.status.raw with any payload of any format, a
 * {@code tandem.format} header that is right, wrong, unknown, odd or absent (then the format is
 * detected), and a key that is right or not. {@link Normalizer} must answer every one with
 * well-formed updates or a failure with a reason; {@link NormalizeProcessor} must forward either
 * updates keyed and timed as Kafka needs them, or exactly one dead letter holding the original
 * bytes and a tandem.error.reason header. Nothing may escape either.
 */
class RawRecordFuzzTest {

  private static final List<String> FORMATS = Normalizer.withDefaultAdapters().formats();

  private static final List<String> ODD_HEADERS =
      List.of(
          "json",
          "xml",
          "STATUSPAGE",
          " Rss ",
          "atom\n",
          "statuspage,rss",
          "tandem.format",
          "\u0000",
          "ｒｓｓ",
          "rss\u200b",
          "x".repeat(10_000),
          "status page",
          "gcp ");

  private static final List<String> ODD_KEYS =
      List.of(
          "",
          " ",
          "GitHub",
          " github ",
          "open ai",
          "-x",
          "a/b",
          "ß",
          "\u0000",
          "k".repeat(100),
          "k".repeat(100_000));

  private final Normalizer normalizer = Normalizer.withDefaultAdapters();

  /**
   * One record of tandem.status.raw: its key (may be null), its tandem.format header (may be
   * absent) and value.
   */
  record RawRecord(String key, String formatHeader, FuzzCase payload) {

    @Override
    public String toString() {
      return headers() + ", value " + payload;
    }

    private String headers() {
      return "key "
          + (key == null ? "none" : PayloadPreview.of(key))
          + ", tandem.format "
          + (formatHeader == null ? "absent" : PayloadPreview.of(formatHeader));
    }

    /** The payload, described with the key and header it came with, for a failure to show whole. */
    FuzzCase described() {
      return new FuzzCase(
          payload.kind(),
          payload.provider(),
          headers() + ", value " + payload.how(),
          payload.bytes());
    }
  }

  // No edge cases: combined over payload, header and key they come to thousands, and would crowd
  // out the mutations.
  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED,
      edgeCases = EdgeCasesMode.NONE)
  void normalizer(@ForAll("rawRecords") RawRecord record) {
    RawStatus raw =
        new RawStatus(record.key(), null, null, Instant.EPOCH, record.payload().bytes());
    Callable<ParseResult> call = () -> normalizer.normalize(raw.withFormat(record.formatHeader()));
    Outcomes.assertWellFormed(
        "normalizer", record.described(), record.key(), Outcomes.run(call), call);
  }

  @Property(
      tries = FuzzSettings.PROCESSOR_TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED,
      edgeCases = EdgeCasesMode.NONE)
  void normalizeProcessor(
      @ForAll("rawRecords") RawRecord record,
      @ForAll("recordTimes") long timestamp,
      @ForAll("receivedAtHeaders") String receivedAt) {
    MockNormalizeStage stage = Stage.get();
    RecordHeaders headers = new RecordHeaders();
    if (record.formatHeader() != null) {
      headers.add(RawStatus.FORMAT_HEADER, record.formatHeader().getBytes(StandardCharsets.UTF_8));
    }
    headers.add(
        RawStatus.SOURCE_HEADER, "https://status.example.com/api".getBytes(StandardCharsets.UTF_8));
    if (receivedAt != null) {
      headers.add(RawStatus.RECEIVED_AT_HEADER, receivedAt.getBytes(StandardCharsets.UTF_8));
    }
    Record<String, byte[]> raw =
        new Record<>(record.key(), record.payload().bytes(), timestamp, headers);
    Callable<List<CapturedForward<? extends String, ? extends Normalized>>> call =
        () -> {
          stage.context.resetForwards();
          stage.processor.process(raw);
          return new ArrayList<>(stage.context.forwarded());
        };
    Outcomes.Timed<List<CapturedForward<? extends String, ? extends Normalized>>> timed =
        Outcomes.run(call);

    List<String> problems = new ArrayList<>();
    if (timed.thrown() != null) {
      problems.add("threw " + timed.thrown());
    } else {
      problems.addAll(forwardProblems(record, timed.value()));
    }
    // The dedupe store drops repeats, so a slow call is timed again as the parse it is almost all
    // of.
    RawStatus again =
        new RawStatus(record.key(), null, null, Instant.EPOCH, record.payload().bytes());
    problems.addAll(
        Outcomes.timeProblems(
            record.payload(),
            timed.nanos(),
            () -> normalizer.normalize(again.withFormat(record.formatHeader()))));
    if (!problems.isEmpty()) {
      Outcomes.fail("normalize processor", record.described(), problems);
    }
    boolean rejected =
        timed.value().stream()
            .anyMatch(forward -> forward.record().value() instanceof Normalized.Rejected);
    Statistics.label("outcome")
        .collect(
            record.payload().kind(),
            rejected ? "dead letter" : timed.value().isEmpty() ? "no new updates" : "updates");
  }

  @Provide
  Arbitrary<RawRecord> rawRecords() {
    return Arbitraries.oneOf(FORMATS.stream().map(RawRecordFuzzTest::rawRecordsOf).toList());
  }

  /**
   * Records whose value is made from {@code format}'s fixtures: mostly with that format's header,
   * else another known one, none (detection), a blank or an odd one; mostly keyed by the fixture's
   * provider.
   */
  private static Arbitrary<RawRecord> rawRecordsOf(String format) {
    Arbitrary<String> headers =
        Arbitraries.frequencyOf(
            Tuple.of(40, Arbitraries.just(format)),
            Tuple.of(15, Arbitraries.of(FORMATS).filter(other -> !other.equals(format))),
            Tuple.of(20, Arbitraries.just((String) null)),
            Tuple.of(5, Arbitraries.of("", " ", "\t")),
            Tuple.of(5, Arbitraries.just(" " + format.toUpperCase(Locale.ROOT) + " ")),
            Tuple.of(15, Arbitraries.of(ODD_HEADERS)));
    Arbitrary<Integer> keyRoll = Arbitraries.integers().between(0, 99);
    return Combinators.combine(
            FuzzInputs.forFormat(format), headers, keyRoll, Arbitraries.of(ODD_KEYS))
        .as(
            (payload, header, roll, oddKey) ->
                new RawRecord(
                    roll < 85 ? payload.provider() : roll < 90 ? null : oddKey, header, payload));
  }

  @Provide
  Arbitrary<Long> recordTimes() {
    return Arbitraries.longs().between(0, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());
  }

  @Provide
  Arbitrary<String> receivedAtHeaders() {
    return Arbitraries.of(
            "2025-01-01T00:00:00Z",
            "yesterday",
            "",
            "1970-01-01T00:00:00Z",
            "+1000000000-01-01T00:00:00Z",
            "2025-01-01T00:00:00+14:00")
        .injectNull(0.3);
  }

  @BeforeContainer
  static void forgetSlowest() {
    Outcomes.resetSlowest();
  }

  @AfterContainer
  static void reportSlowest() {
    System.out.println("slowest raw-record call: " + Outcomes.slowest());
  }

  private static List<String> forwardProblems(
      RawRecord record, List<CapturedForward<? extends String, ? extends Normalized>> forwarded) {
    List<String> problems = new ArrayList<>();
    boolean rejected =
        forwarded.stream()
            .anyMatch(forward -> forward.record().value() instanceof Normalized.Rejected);
    if (rejected) {
      if (forwarded.size() != 1) {
        problems.add("forwarded a dead letter and " + (forwarded.size() - 1) + " records more");
      }
      Record<? extends String, ? extends Normalized> letter = forwarded.get(0).record();
      if (!(letter.value() instanceof Normalized.Rejected rejection)
          || !Arrays.equals(rejection.original(), record.payload().bytes())) {
        problems.add("forwarded a dead letter without the original bytes");
      }
      Header reason = letter.headers().lastHeader(DeadLetterHeaders.REASON);
      if (reason == null) {
        problems.add("forwarded a dead letter without a " + DeadLetterHeaders.REASON + " header");
      } else {
        problems.addAll(
            Outcomes.reasonProblems(new String(reason.value(), StandardCharsets.UTF_8)));
      }
      return problems;
    }
    problems.addAll(
        Outcomes.volumeProblems(
            forwarded.stream()
                .map(forward -> ((Normalized.Update) forward.record().value()).update())
                .toList()));
    for (CapturedForward<? extends String, ? extends Normalized> forward : forwarded) {
      StatusUpdate update = ((Normalized.Update) forward.record().value()).update();
      String provider = record.key().trim().toLowerCase(Locale.ROOT);
      if (!provider.equals(forward.record().key())) {
        problems.add(
            "forwarded an update keyed "
                + PayloadPreview.of(String.valueOf(forward.record().key()))
                + " for the record keyed "
                + PayloadPreview.of(provider));
      }
      if (forward.record().timestamp() != update.getUpdatedAt().toEpochMilli()) {
        problems.add(
            "forwarded an update timestamped "
                + forward.record().timestamp()
                + ", not its updatedAt");
      }
      problems.addAll(Outcomes.updateProblems(update, provider));
    }
    return problems;
  }

  /**
   * One normalize processor for all tries, as a stream task has: its dedupe store fills as it
   * would.
   */
  private static final class Stage {
    private static MockNormalizeStage stage;

    static synchronized MockNormalizeStage get() {
      if (stage == null) {
        stage = new MockNormalizeStage();
      }
      return stage;
    }
  }
}
