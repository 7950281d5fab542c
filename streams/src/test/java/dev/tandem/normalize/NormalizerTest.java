package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Choosing the adapter: by the tandem.format header, or by the payload when the header is missing.
 */
class NormalizerTest {

  private static final String FASTLY = "scenarios/fastly-2021-06-08/00-fastly.statuspage.json";
  private static final String AMAZON = "scenarios/fastly-2021-06-08/01-amazon.tandem.json";

  private final Normalizer normalizer = Normalizer.withDefaultAdapters();

  @Test
  void readsEveryDocumentedFormatByDefaultAskingIncidentIoBeforeStatuspage() {
    assertThat(normalizer.formats())
        .containsExactly("incidentio", "statuspage", "gcp", "tandem", "rss", "atom");
  }

  @Test
  void picksTheAdapterTheHeaderNames() {
    assertThat(updatesOf("statuspage", Fixtures.raw("fastly", FASTLY)))
        .singleElement()
        .satisfies(update -> assertThat(update.getFormat()).isEqualTo("statuspage"));
    assertThat(updatesOf("tandem", Fixtures.raw("amazon", AMAZON)))
        .singleElement()
        .satisfies(update -> assertThat(update.getFormat()).isEqualTo("tandem"));
  }

  @Test
  void readsTheHeaderWhateverItsCaseAndSpacing() {
    assertThat(updatesOf(" Statuspage ", Fixtures.raw("fastly", FASTLY))).hasSize(1);
  }

  @Test
  void obeysTheHeaderEvenWhenThePayloadLooksLikeAnotherFormat() {
    assertThat(reasonFor("tandem", Fixtures.raw("fastly", FASTLY)))
        .isEqualTo("tandem update has no 'updateId'");
  }

  @ParameterizedTest
  @MethodSource("dev.tandem.normalize.Fixtures#scenarioPayloads")
  void detectsTheFormatOfEveryScenarioPayloadAsItsHeaderSays(String payload) {
    RawStatus raw = Fixtures.raw(Fixtures.providerOf(payload), payload);

    List<StatusUpdate> detected = updatesOf(null, raw);

    assertThat(detected).isNotEmpty().isEqualTo(updatesOf(Fixtures.formatOf(payload), raw));
  }

  @Test
  void detectsStatuspageDocumentsWithoutHeader() {
    assertThat(updatesOf("", Fixtures.raw("github", "statuspage/github-summary-2020-04-02.json")))
        .hasSize(11);
    assertThat(
            updatesOf(null, Fixtures.raw("linode", "statuspage/linode-components-2021-12-17.json")))
        .hasSize(10);
    assertThat(
            updatesOf(
                null, Fixtures.raw("discord", "statuspage/discord-unresolved-2022-02-15.json")))
        .isEmpty();
    assertThat(
            updatesOf(
                null,
                Fixtures.raw("datadog", "statuspage/datadog-component-webhook-2017-08-08.json")))
        .hasSize(1);
    assertThat(
            updatesOf(
                null,
                Fixtures.raw(
                    "discord", "statuspage/discord-scheduled-maintenances-2015-09-22.json")))
        .hasSize(4);
  }

  @Test
  void refusesAnUnknownFormatListingTheKnownOnes() {
    assertThat(reasonFor("yaml", Fixtures.raw("fastly", FASTLY)))
        .isEqualTo(
            "unknown tandem.format 'yaml'; known formats: incidentio, statuspage, gcp, tandem, rss, atom");
  }

  @ParameterizedTest
  @CsvSource({
    "incidentio, incidentio/widget-documented-example.json, 3",
    "incidentio, incidentio/openai-proxy-summary-2025-12-02.json, 4",
    "incidentio, incidentio/pleo-incidents-2026-01.json, 2",
    "gcp, gcp/documented-shape-incidents.json, 6",
    "gcp, gcp/checkmk-edited-incidents-2022-07-20.json, 2",
    "rss, feeds/github-history-2022-03-16.rss, 3",
    "rss, feeds/aws-all-2021-12-27.rss, 2",
    "rss, feeds/azure-status-2018-11-12.rss, 2",
    "rss, feeds/fastly-statuscast.rss, 12",
    "atom, feeds/github-history-2025-10-21.atom, 3",
    "atom, feeds/openai-history-2026-09-03.atom, 2",
  })
  void detectsEachNewFormatWithoutHeader(String format, String fixture, int updates) {
    RawStatus raw = Fixtures.raw("vendor", fixture);

    List<StatusUpdate> detected = updatesOf(null, raw);

    assertThat(detected)
        .hasSize(updates)
        .allSatisfy(update -> assertThat(update.getFormat()).isEqualTo(format));
    assertThat(detected).isEqualTo(updatesOf(format, raw));
  }

  @Test
  void detectsAFeedBehindAByteOrderMarkAndWhitespace() {
    // An XML declaration must open a document, so a feed behind a BOM and whitespace has none.
    String feed =
        Fixtures.text("feeds/github-history-2022-03-16.rss")
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");

    byte[] marked = ("\uFEFF\n  " + feed).getBytes(StandardCharsets.UTF_8);

    assertThat(updatesOf(null, Fixtures.raw("github", marked))).hasSize(3);
  }

  @Test
  void refusesAnUndetectablePayloadAskingForTheHeader() {
    assertThat(reasonFor(null, raw("{\"foo\":1}")))
        .isEqualTo(
            "no tandem.format header and the payload looks like "
                + "none of the known formats (incidentio, statuspage, gcp, tandem, rss, atom); set the tandem.format header");
    assertThat(reasonFor(null, raw("[]")))
        .startsWith("no tandem.format header and the payload looks like none");
  }

  @Test
  void refusesXmlWhoseRootIsNoKnownFeed() {
    assertThat(reasonFor(null, raw("<html><body>Service Unavailable</body></html>")))
        .isEqualTo(
            "no tandem.format "
                + "header and the XML payload's root element <html> is none of the known formats (incidentio, statuspage, "
                + "gcp, tandem, rss, atom); set the tandem.format header");
    assertThat(reasonFor(null, raw("<feed><entry/></feed>")))
        .contains("root element <feed> is none of the known formats");
  }

  @Test
  void refusesXmlThatCannotBeReadSafelyWithoutLookingFurther() {
    assertThat(
            reasonFor(
                null,
                raw(
                    "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss>&xxe;</rss>")))
        .isEqualTo(
            "no tandem.format header and the format cannot be detected: XML payload declares a DOCTYPE; "
                + "Tandem refuses DTDs in status documents because they enable entity expansion and external entity "
                + "attacks; set the header to one of: incidentio, statuspage, gcp, tandem, rss, atom");
  }

  @Test
  void refusesAPayloadWithoutHeaderThatIsNeitherJsonNorXml() {
    assertThat(reasonFor(null, raw("Service Unavailable")))
        .startsWith(
            "no tandem.format header and the format cannot be detected: payload is not valid JSON: ");
  }

  @Test
  void turnsAnAdaptersExceptionIntoAFailure() {
    Normalizer withBuggyAdapter = new Normalizer(List.of(new BuggyAdapter()));

    assertThat(reasonFor(withBuggyAdapter, "buggy", raw("{}")))
        .isEqualTo(
            "buggy adapter failed unexpectedly on this payload (an adapter bug): IllegalStateException: index out of step");
  }

  @Test
  void turnsAnExceptionDuringDetectionIntoAFailureAndAsksTheOtherAdapters() {
    Normalizer normalizer = new Normalizer(List.of(new BuggyAdapter(), new TandemAdapter()));

    assertThat(updatesOf(normalizer, null, Fixtures.raw("amazon", AMAZON))).hasSize(1);
    assertThat(reasonFor(normalizer, null, raw("{}")))
        .contains("detection failed for [buggy (IllegalStateException: " + "index out of step)]");
  }

  @Test
  void refusesTwoAdaptersForOneFormat() {
    assertThatThrownBy(() -> new Normalizer(List.of(new TandemAdapter(), new TandemAdapter())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two adapters for format 'tandem'");
  }

  @Test
  void refusesToNormalizeNothing() {
    assertThat(normalizer.normalize(null))
        .isEqualTo(ParseResult.failed("there is no record to normalize"));
  }

  /** Fails the way a bug would: an exception from both detection and parsing. */
  private static final class BuggyAdapter implements FormatAdapter {
    @Override
    public String format() {
      return "buggy";
    }

    @Override
    public boolean recognizes(JsonNode document) {
      throw new IllegalStateException("index out of step");
    }

    @Override
    public ParseResult parse(RawStatus raw) {
      throw new IllegalStateException("index out of step");
    }
  }

  private List<StatusUpdate> updatesOf(String header, RawStatus raw) {
    return updatesOf(normalizer, header, raw);
  }

  private static List<StatusUpdate> updatesOf(Normalizer normalizer, String header, RawStatus raw) {
    ParseResult result = normalizer.normalize(raw.withFormat(header));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).updates();
  }

  private String reasonFor(String header, RawStatus raw) {
    return reasonFor(normalizer, header, raw);
  }

  private static String reasonFor(Normalizer normalizer, String header, RawStatus raw) {
    ParseResult result = normalizer.normalize(raw.withFormat(header));
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).reason();
  }

  private static RawStatus raw(String payload) {
    return Fixtures.raw("fastly", payload.getBytes(StandardCharsets.UTF_8));
  }
}
