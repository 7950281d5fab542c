package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad and hostile JSON for the incident.io and Google Cloud adapters: a failure with a reason,
 * never an exception.
 */
class HostileVendorJsonTest {

  static Stream<Arguments> adaptersAndRealPayloads() {
    return Stream.of(
        Arguments.of(new IncidentIoAdapter(), "incidentio/openai-proxy-summary-2025-12-02.json"),
        Arguments.of(new GcpAdapter(), "gcp/documented-shape-incidents.json"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adaptersAndRealPayloads")
  void refusesAPayloadLargerThanTenMebibytesBeforeParsingIt(FormatAdapter adapter, String ignored) {
    byte[] elevenMebibytes = new byte[11 * 1024 * 1024];
    Arrays.fill(elevenMebibytes, (byte) ' ');

    assertThat(reasonFor(adapter, elevenMebibytes))
        .isEqualTo(
            "payload is 11534336 bytes, more than the 10 MiB Tandem accepts for one status document");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adaptersAndRealPayloads")
  void refusesJsonNestedAThousandLevelsDeep(FormatAdapter adapter, String ignored) {
    String deep = "{\"incidents\":" + "[".repeat(1000) + "]".repeat(1000) + "}";

    assertThat(reasonFor(adapter, deep.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            "payload nests JSON deeper than 64 levels; no status format does that, so it is refused as hostile input");
  }

  static Stream<Arguments> incidentsOfAThousandUpdatesAndAThousandComponents() {
    String incidentIo =
        "{\"incident\":{\"id\":\"i\",\"name\":\"x\",\"affected_components\":["
            + repeat("{\"component_id\":\"c%d\",\"status\":\"full_outage\"}")
            + "],\"updates\":["
            + repeat(
                "{\"id\":\"u%d\",\"to_status\":\"investigating\",\"published_at\":\"2025-12-02T19:38:00Z\"}")
            + "]}}";
    String gcp =
        "[{\"id\":\"i\",\"begin\":\"2025-06-12T17:51:00Z\",\"affected_products\":["
            + repeat("{\"title\":\"p%d\"}")
            + "],\"updates\":["
            + repeat("{\"created\":\"2025-06-12T18:%02d:00Z\"}")
            + "]}]";
    return Stream.of(
        Arguments.of(new IncidentIoAdapter(), incidentIo), Arguments.of(new GcpAdapter(), gcp));
  }

  /**
   * Found by fuzzing: each update carries its incident's components, so a thousand of each made a
   * million (Google Cloud's reader built them all), and the normalize stage wrote every one.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("incidentsOfAThousandUpdatesAndAThousandComponents")
  void refusesAPayloadWhoseUpdatesWouldNameAMillionComponents(
      FormatAdapter adapter, String payload) {
    assertThat(reasonFor(adapter, payload.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            "payload's updates would name "
                + "1000000 components in all (each update repeats its incident's components), more than the 100000 Tandem "
                + "makes from one payload; no status document does that, so it is refused as hostile input");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adaptersAndRealPayloads")
  void refusesEveryTruncationOfARealPayloadWithoutThrowing(FormatAdapter adapter, String fixture) {
    byte[] payload = Fixtures.bytes(fixture);
    int lastBracket =
        Math.max(
            new String(payload, StandardCharsets.UTF_8).lastIndexOf('}'),
            new String(payload, StandardCharsets.UTF_8).lastIndexOf(']'));

    IntStream.range(0, lastBracket)
        .forEach(
            length ->
                assertThat(adapter.parse(raw(Arrays.copyOf(payload, length))))
                    .as("first %d bytes", length)
                    .isInstanceOf(ParseResult.Failed.class));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adaptersAndRealPayloads")
  void refusesBytesThatAreNotUtf8(FormatAdapter adapter, String fixture) {
    String text = Fixtures.text(fixture).replace("error", "erreur é");

    assertThat(reasonFor(adapter, text.getBytes(StandardCharsets.ISO_8859_1)))
        .startsWith("payload is not valid JSON: Invalid UTF-8");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adaptersAndRealPayloads")
  void refusesAFeedSentWithAJsonHeader(FormatAdapter adapter, String ignored) {
    assertThat(reasonFor(adapter, Fixtures.bytes("feeds/claude-history-2026-09-03.atom")))
        .startsWith("payload is not valid JSON: Unexpected character ('<'");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adaptersAndRealPayloads")
  void refusesARecordWithoutKey(FormatAdapter adapter, String fixture) {
    assertThat(reasonFor(adapter, new RawStatus(null, null, null, null, Fixtures.bytes(fixture))))
        .startsWith("record has no key: the key of tandem.status.raw must be the provider id");
  }

  private static String reasonFor(FormatAdapter adapter, byte[] payload) {
    return reasonFor(adapter, raw(payload));
  }

  private static String reasonFor(FormatAdapter adapter, RawStatus raw) {
    ParseResult result = adapter.parse(raw);
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).reason();
  }

  /**
   * A thousand copies of {@code element}, numbered from 0 (times as minutes: %02d of 0..59,
   * cycling).
   */
  private static String repeat(String element) {
    return IntStream.range(0, 1000)
        .mapToObj(i -> String.format(element, element.contains("%02d") ? i % 60 : i))
        .collect(java.util.stream.Collectors.joining(","));
  }

  private static RawStatus raw(byte[] payload) {
    return Fixtures.raw("vendor", payload);
  }
}
