package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawStatusReaderTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void keysEachJsonLineByItsProviderField() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.LINES, null, "/provider", "tandem", null, CLOCK);

    List<RawStatus> records =
        reader.read("{\"provider\":\"openai\",\"x\":1}\n\n{\"provider\":\"meta\"}\n", "in.jsonl");

    assertThat(records).extracting(RawStatus::provider).containsExactly("openai", "meta");
    assertThat(records)
        .allSatisfy(
            r -> {
              assertThat(r.format()).isEqualTo("tandem");
              assertThat(r.receivedAt()).isEqualTo(NOW);
            });
    assertThat(new String(records.get(0).payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"provider\":\"openai\",\"x\":1}");
  }

  @Test
  void readsTheKeyFromANestedPointer() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.LINES, null, "/page/id", null, null, CLOCK);

    assertThat(reader.read("{\"page\":{\"id\":\"github\"}}", "-"))
        .extracting(RawStatus::provider)
        .containsExactly("github");
  }

  @Test
  void namesTheLineThatIsNotJson() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.LINES, null, "/provider", null, null, CLOCK);

    assertThatThrownBy(() -> reader.read("{\"provider\":\"a\"}\n{oops\n", "in.jsonl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("in.jsonl line 2: not JSON");
  }

  @Test
  void namesTheLineWithoutAKey() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.LINES, null, "/provider", null, null, CLOCK);

    assertThatThrownBy(() -> reader.read("{\"vendor\":\"a\"}", "in.jsonl"))
        .hasMessage("in.jsonl line 1: no key at /provider (give --key POINTER or --provider ID)");
  }

  @Test
  void publishesAWholeDocumentAsOneRecordUnderAFixedProvider() {
    RawStatusReader reader =
        new RawStatusReader(
            RawStatusReader.Mode.WHOLE,
            "github",
            "/provider",
            "atom",
            "https://www.githubstatus.com/history.atom",
            CLOCK);

    List<RawStatus> records = reader.read("<feed>\n<entry/>\n</feed>\n", "history.atom");

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.provider()).isEqualTo("github");
              assertThat(r.source()).isEqualTo("https://www.githubstatus.com/history.atom");
              assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                  .isEqualTo("<feed>\n<entry/>\n</feed>\n");
            });
  }

  @Test
  void takesKeyFormatAndTimestampFromScenarioEnvelopes() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.ENVELOPES, null, "/provider", null, null, CLOCK);
    String line =
        "{\"provider\":\"reddit\",\"format\":\"statuspage\",\"receivedAt\":\"2021-06-08T10:02:40.000Z\","
            + "\"payload\":{\"incident\":{\"id\":\"r1\"}}}";

    RawStatus record = reader.read(line, "fastly.jsonl").get(0);

    assertThat(record.provider()).isEqualTo("reddit");
    assertThat(record.format()).isEqualTo("statuspage");
    assertThat(record.receivedAt()).isEqualTo(Instant.parse("2021-06-08T10:02:40Z"));
    assertThat(new String(record.payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"incident\":{\"id\":\"r1\"}}");
  }

  @Test
  void rejectsAnEnvelopeWithoutPayload() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.ENVELOPES, null, "/provider", null, null, CLOCK);

    assertThatThrownBy(
            () ->
                reader.read(
                    "{\"provider\":\"x\",\"receivedAt\":\"2021-06-08T10:02:40Z\"}", "s.jsonl"))
        .hasMessage("s.jsonl line 1: missing field 'payload'");
  }

  @Test
  void refusesEmptyInput() {
    RawStatusReader reader =
        new RawStatusReader(RawStatusReader.Mode.LINES, null, "/provider", null, null, CLOCK);

    assertThatThrownBy(() -> reader.read("\n  \n", "empty.jsonl"))
        .hasMessage("empty.jsonl has no records");
  }

  @Test
  void refusesAKeyThatIsNotAJsonPointer() {
    assertThatThrownBy(
            () ->
                new RawStatusReader(
                    RawStatusReader.Mode.LINES, null, "provider", null, null, CLOCK))
        .hasMessageContaining("--key must be a JSON pointer");
  }
}
