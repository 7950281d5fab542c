package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad and hostile input: every case ends in a failure whose reason says what is wrong, and nothing
 * throws. Anyone may publish to tandem.status.raw.
 */
class MalformedPayloadTest {

  private final StatuspageAdapter adapter = new StatuspageAdapter();

  @Test
  void refusesAPayloadThatIsNotJson() {
    assertThat(reasonFor("<!DOCTYPE html><html><head><title>Fastly Status</title>"))
        .startsWith("payload is not valid JSON: Unexpected character ('<'")
        .endsWith("(line 1, column 1)");
  }

  @Test
  void refusesAJsonArray() {
    assertThat(reasonFor("[]"))
        .isEqualTo("statuspage payload is a JSON array, expected a JSON object");
  }

  @Test
  void refusesAnObjectOfNoKnownShapeNamingTheFieldsItHas() {
    assertThat(reasonFor("{\"foo\":1}"))
        .isEqualTo(
            "statuspage payload has no 'incident', 'incidents', "
                + "'scheduled_maintenances', 'components' or 'component_update' field (its fields: 'foo')");
  }

  @Test
  void refusesAnEmptyPayload() {
    assertThat(reasonFor("  \n")).isEqualTo("payload is empty: a status document was expected");
  }

  @Test
  void refusesATombstone() {
    assertThat(reasonFor(new RawStatus("fastly", null, null, null, null)))
        .isEqualTo("record has no value (a tombstone): there is no payload to normalize");
  }

  @Test
  void refusesARecordWithoutKey() {
    RawStatus keyless = Fixtures.raw(null, "scenarios/fastly-2021-06-08/00-fastly.statuspage.json");

    assertThat(reasonFor(keyless))
        .startsWith("record has no key: the key of tandem.status.raw must be the provider id");
  }

  @Test
  void refusesJsonFollowedByMoreText() {
    byte[] payload = Fixtures.bytes("scenarios/fastly-2021-06-08/00-fastly.statuspage.json");
    byte[] withTrailer = Arrays.copyOf(payload, payload.length + 2);
    withTrailer[payload.length] = '}';
    withTrailer[payload.length + 1] = '}';

    assertThat(reasonFor(Fixtures.raw("fastly", withTrailer)))
        .startsWith("payload is not valid JSON: ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fastly-incident-without-id.json | statuspage incident has no 'id'",
        "fastly-update-without-id.json | statuspage incident 'fastly-2021-06-08' update #1 has no 'id'",
        "fastly-update-without-status.json | statuspage incident 'fastly-2021-06-08' update '139d400ae58f' has no 'status'",
        "fastly-update-without-timestamps.json | statuspage incident 'fastly-2021-06-08' update '139d400ae58f' has no "
            + "'created_at', 'display_at' or 'updated_at' timestamp",
        "fastly-incident-without-timestamps.json | statuspage incident 'fastly-2021-06-08' has no 'started_at' or "
            + "'created_at' timestamp",
        "fastly-incident-with-unreadable-started-at.json | statuspage incident 'fastly-2021-06-08' has an unreadable "
            + "'started_at' timestamp 'yesterday at 09:47': expected ISO-8601 with a UTC offset, "
            + "e.g. 2021-06-08T09:58:00.000Z or 2024-12-11T15:16:59.123-08:00",
      })
  void refusesTheWholePayloadNamingTheIncidentAndTheFieldThatIsMissing(
      String fixture, String reason) {
    assertThat(reasonFor(Fixtures.raw("fastly", "malformed/" + fixture))).isEqualTo(reason);
  }

  @Test
  void refusesATimestampWithoutUtcOffset() {
    String payload =
        Fixtures.text("scenarios/fastly-2021-06-08/00-fastly.statuspage.json")
            .replace(
                "\"started_at\":\"2021-06-08T09:47:00.000Z\"",
                "\"started_at\":\"2021-06-08T09:47:00\"");

    assertThat(reasonFor(payload))
        .startsWith(
            "statuspage incident 'fastly-2021-06-08' has an unreadable 'started_at' timestamp '2021-06-08T09:47:00'");
  }

  @Test
  void refusesIncidentsThatAreNotAnArray() {
    assertThat(reasonFor("{\"page\":{},\"incidents\":{\"id\":\"x\"}}"))
        .isEqualTo("statuspage payload has 'incidents' as a JSON object, expected an array");
  }

  @Test
  void cutsHostileValuesShortInReasons() {
    String longId = "x".repeat(100_000);
    String payload =
        Fixtures.text("scenarios/fastly-2021-06-08/00-fastly.statuspage.json")
            .replace("\"id\":\"139d400ae58f\",", "\"id\":\"" + longId + "\",")
            .replace("\"status\":\"investigating\",\"body\"", "\"body\"");

    assertThat(reasonFor(payload)).hasSizeLessThan(300).endsWith("…' has no 'status'");
  }

  @Test
  void refusesAPayloadLargerThanTenMebibytesBeforeParsingIt() {
    byte[] elevenMebibytes = new byte[11 * 1024 * 1024];
    Arrays.fill(elevenMebibytes, (byte) ' ');

    assertThat(reasonFor(Fixtures.raw("fastly", elevenMebibytes)))
        .isEqualTo(
            "payload is 11534336 bytes, more than the 10 MiB Tandem accepts for one status document");
  }

  @Test
  void refusesJsonNestedAThousandLevelsDeep() {
    String deep = "{\"incident\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

    assertThat(reasonFor(deep))
        .isEqualTo(
            "payload nests JSON deeper than 64 levels; no status format does that, so it is refused as hostile input");
  }

  @Test
  void refusesJsonOfMoreThanAMillionTokens() {
    String manyTokens = "{\"incidents\":[" + "0,".repeat(1_100_000) + "0]}";

    assertThat(reasonFor(manyTokens))
        .isEqualTo(
            "payload holds more than 1000000 JSON tokens; no status document "
                + "is that large, so it is refused as hostile input");
  }

  /**
   * Found by fuzzing: each update carries its incident's components, so a thousand of each made a
   * million.
   */
  @Test
  void refusesAPayloadWhoseUpdatesWouldNameAMillionComponents() {
    String components =
        IntStream.range(0, 1000)
            .mapToObj(i -> "{\"id\":\"c" + i + "\",\"status\":\"major_outage\"}")
            .collect(Collectors.joining(","));
    String updates =
        IntStream.range(0, 1000)
            .mapToObj(
                i ->
                    "{\"id\":\"u"
                        + i
                        + "\",\"status\":\"investigating\",\"created_at\":\"2021-06-08T09:58:00Z\"}")
            .collect(Collectors.joining(","));

    assertThat(
            reasonFor(
                "{\"incident\":{\"id\":\"i\",\"created_at\":\"2021-06-08T09:47:00Z\",\"components\":["
                    + components
                    + "],\"incident_updates\":["
                    + updates
                    + "]}}"))
        .startsWith("payload's updates would name 1000000 components in all");
  }

  @Test
  void refusesEveryTruncationOfARealPayloadWithoutThrowing() {
    byte[] payload =
        Fixtures.bytes("scenarios/seed-2025-12-02-chatgpt-two-hours/04-openai.statuspage.json");

    IntStream.range(0, payload.length - 1)
        .forEach(
            length -> {
              ParseResult result =
                  adapter.parse(Fixtures.raw("openai", Arrays.copyOf(payload, length)));
              assertThat(result)
                  .as("first %d bytes", length)
                  .isInstanceOf(ParseResult.Failed.class);
            });
  }

  private String reasonFor(String payload) {
    return reasonFor(Fixtures.raw("fastly", payload.getBytes(StandardCharsets.UTF_8)));
  }

  private String reasonFor(RawStatus raw) {
    return Fixtures.reason(adapter.parse(raw));
  }
}
