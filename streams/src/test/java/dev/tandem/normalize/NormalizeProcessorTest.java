package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The normalize stage on its own: what it forwards for a record it cannot take. */
class NormalizeProcessorTest {

  private final MockNormalizeStage stage = new MockNormalizeStage();
  private final MockProcessorContext<String, Normalized> context = stage.context;
  private final NormalizeProcessor processor = stage.processor;

  @Test
  void sendsARecordWithAKeyThatIsNoProviderIdToTheDeadLettersWithTheReason() {
    String reason = deadLetterReason("git hub");

    assertThat(reason)
        .isEqualTo(
            "the record key must be the provider id, a lower-case slug such as 'openai'; got 'git hub'");
  }

  /**
   * Found by fuzzing: the key was quoted whole, so a huge key made a reason header as large as
   * itself.
   */
  @Test
  void quotesAHugeKeyCutShortInTheReason() {
    String reason = deadLetterReason("K".repeat(100_000));

    assertThat(reason).endsWith("…'").hasSizeLessThan(200);
  }

  /**
   * Found by fuzzing: a received-at header far beyond what epoch millis can hold overflowed. A
   * claim before 1970 or a day past the record's own time is ignored; the record time stands.
   */
  @Test
  void anImplausibleReceivedAtHeaderIsIgnored() {
    byte[] value = Fixtures.bytes("scenarios/fastly-2021-06-08/00-fastly.statuspage.json");
    RecordHeaders headers = new RecordHeaders();
    headers.add("tandem.format", "statuspage".getBytes(StandardCharsets.UTF_8));
    headers.add(
        "tandem.received-at", "+1000000000-12-31T23:59:59Z".getBytes(StandardCharsets.UTF_8));
    long recorded = java.time.Instant.parse("2021-06-08T10:00:00Z").toEpochMilli();

    processor.process(new Record<>("fastly", value, recorded, headers));

    assertThat(context.forwarded())
        .isNotEmpty()
        .allSatisfy(
            forward -> {
              assertThat(forward.record().value()).isInstanceOf(Normalized.Update.class);
              assertThat(forward.record().timestamp())
                  .isLessThanOrEqualTo(recorded + java.time.Duration.ofMinutes(5).toMillis());
            });
  }

  private String deadLetterReason(String key) {
    byte[] value = Fixtures.bytes("scenarios/fastly-2021-06-08/00-fastly.statuspage.json");
    processor.process(new Record<>(key, value, 0L, new RecordHeaders()));

    List<CapturedForward<? extends String, ? extends Normalized>> forwarded = context.forwarded();
    assertThat(forwarded)
        .singleElement()
        .satisfies(
            forward ->
                assertThat(forward.record().value()).isInstanceOf(Normalized.Rejected.class));
    return new String(
        forwarded.get(0).record().headers().lastHeader(DeadLetterHeaders.REASON).value(),
        StandardCharsets.UTF_8);
  }
}
