package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.raw.RawStatus;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad and hostile XML: every case ends in a failure whose reason says what is wrong; nothing
 * throws, nothing is expanded, nothing outside the payload is ever read. Anyone may publish to
 * tandem.status.raw.
 */
@Timeout(30)
class HostileXmlTest {

  private static final String DOCTYPE_REFUSED =
      "XML payload declares a DOCTYPE; Tandem refuses DTDs in status "
          + "documents because they enable entity expansion and external entity attacks";

  private final RssAdapter rss = new RssAdapter();
  private final AtomAdapter atom = new AtomAdapter();

  @Test
  void refusesTheBillionLaughsBeforeExpandingAnything() {
    StringBuilder bomb =
        new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append(" <!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    bomb.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>");

    long start = System.nanoTime();
    assertThat(reasonFor(rss, bomb.toString())).isEqualTo(DOCTYPE_REFUSED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void neverReadsAFileAnExternalEntityPointsAt() {
    String xxe =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title><guid>x</guid>"
            + "<pubDate>Wed, 16 Mar 2022 19:46:00 +0000</pubDate><description>&xxe;</description></item></channel></rss>";

    String reason = reasonFor(rss, xxe);

    assertThat(reason).isEqualTo(DOCTYPE_REFUSED).doesNotContain("root:");
  }

  @Test
  void neverFetchesAnExternalDtdOrParameterEntity() {
    // Port 9 (discard) on loopback: were anything fetched, the test would see a connection error,
    // not this reason.
    String remoteDtd =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE feed SYSTEM \"http://127.0.0.1:9/feed.dtd\">\n"
            + "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>";
    String parameterEntity =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY % remote SYSTEM "
            + "\"http://127.0.0.1:9/evil.dtd\"> %remote;]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"/>";

    assertThat(reasonFor(atom, remoteDtd)).isEqualTo(DOCTYPE_REFUSED);
    assertThat(reasonFor(atom, parameterEntity)).isEqualTo(DOCTYPE_REFUSED);
  }

  @Test
  void staysSafeForEveryPayloadItsReusedParserReads() {
    String xxe =
        "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\">&xxe;</rss>";
    byte[] good = Fixtures.bytes("feeds/github-history-2022-03-16.rss");

    for (int round = 0; round < 3; round++) {
      assertThat(rss.parse(raw(good))).isInstanceOf(ParseResult.Parsed.class);
      assertThat(reasonFor(rss, xxe)).isEqualTo(DOCTYPE_REFUSED);
    }
  }

  @Test
  void refusesAnHtmlPageServedInsteadOfTheFeed() {
    assertThat(
            reasonFor(
                rss, "<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>"))
        .isEqualTo(DOCTYPE_REFUSED);
  }

  @Test
  void refusesAnEntityThatWasNeverDeclared() {
    assertThat(reasonFor(rss, "<rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>"))
        .startsWith(
            "payload is not well-formed XML: The entity \"xxe\" was referenced, but not declared.");
  }

  @Test
  void treatsAnXIncludeAsAPlainElementThatIncludesNothing() {
    String xinclude =
        "<rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel>"
            + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/><title>t</title></channel></rss>";

    ParseResult result = rss.parse(raw(xinclude.getBytes(StandardCharsets.UTF_8)));

    assertThat(result).isEqualTo(ParseResult.parsed(List.of()));
  }

  @Test
  void refusesAPayloadLargerThanTenMebibytesBeforeParsingIt() {
    byte[] elevenMebibytes = new byte[11 * 1024 * 1024];
    Arrays.fill(elevenMebibytes, (byte) ' ');
    elevenMebibytes[0] = '<';

    assertThat(reasonFor(rss, elevenMebibytes))
        .isEqualTo(
            "payload is 11534336 bytes, more than the 10 MiB Tandem accepts for one status document");
  }

  @Test
  void refusesXmlNestedAThousandLevelsDeep() {
    String deep = "<rss version=\"2.0\">" + "<a>".repeat(1000) + "</a>".repeat(1000) + "</rss>";

    assertThat(reasonFor(rss, deep))
        .isEqualTo(
            "payload nests XML deeper than 64 levels; no status format does that, so it is refused as hostile input");
  }

  @Test
  void refusesXmlOfMoreThanTwoHundredThousandElements() {
    String wide = "<rss version=\"2.0\"><channel>" + "<x/>".repeat(250_000) + "</channel></rss>";

    assertThat(reasonFor(rss, wide))
        .isEqualTo(
            "payload holds more than 200000 XML elements; no status feed is "
                + "that large, so it is refused as hostile input");
  }

  @Test
  void refusesEveryTruncationOfARealFeedWithoutThrowing() {
    byte[] feed = Fixtures.bytes("feeds/claude-history-2026-09-03.atom");
    int lastTag = new String(feed, StandardCharsets.UTF_8).lastIndexOf('>');

    IntStream.range(0, lastTag)
        .forEach(
            length -> {
              ParseResult result = atom.parse(raw(Arrays.copyOf(feed, length)));
              assertThat(result)
                  .as("first %d bytes", length)
                  .isInstanceOf(ParseResult.Failed.class);
            });
  }

  @Test
  void refusesBytesThatAreNotTheEncodingTheDocumentDeclares() {
    String feed =
        Fixtures.text("feeds/slack-status-shape.rss")
            .replace("loading threads", "chargement des fils échoué");

    assertThat(reasonFor(rss, feed.getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo(
            "payload's bytes are not in the encoding it declares (UTF-8 unless its XML declaration or byte "
                + "order mark says otherwise): Invalid byte 2 of 3-byte UTF-8 sequence. (line 7, column 96)");
  }

  @Test
  void readsTheEncodingTheDocumentDeclaresOrItsByteOrderMark() {
    String feed =
        Fixtures.text("feeds/slack-status-shape.rss")
            .replace("loading threads", "chargement des fils échoué");
    byte[] latin1 =
        feed.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf16 =
        feed.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
            .getBytes(Charset.forName("UTF-16"));

    for (byte[] payload : new byte[][] {latin1, utf16}) {
      ParseResult result = rss.parse(raw(payload));
      assertThat(result).isInstanceOf(ParseResult.Parsed.class);
      assertThat(((ParseResult.Parsed) result).updates().get(1).getBody()).contains("fils échoué");
    }
  }

  /**
   * Found by fuzzing: the JDK's parser quotes an over-long namespace name whole, entity references
   * expanded, and the reason travels as a header of the dead letter that already holds the payload.
   */
  @Test
  void cutsAParserMessageThatQuotesAHugeNamespaceNameShort() {
    String reason = reasonFor(atom, "<feed xmlns=\"" + "&amp;".repeat(100_000) + "\"/>");

    assertThat(reason)
        .startsWith("payload is not well-formed XML: JAXP00010005: The length of entity \"&&&")
        .contains("&&&…")
        .hasSizeLessThan(400);
  }

  @Test
  void refusesJsonSentWithAnXmlHeader() {
    assertThat(reasonFor(atom, "{\"incidents\":[]}"))
        .isEqualTo(
            "payload is not well-formed XML: Content is not allowed in prolog. (line 1, column 1)");
  }

  @Test
  void refusesATombstoneAndARecordWithoutKey() {
    assertThat(reasonFor(rss, new RawStatus("aws", null, null, null, null)))
        .isEqualTo("record has no value (a tombstone): there is no payload to normalize");
    assertThat(
            reasonFor(
                atom,
                new RawStatus(
                    null,
                    null,
                    null,
                    null,
                    Fixtures.bytes("feeds/claude-history-2026-09-03.atom"))))
        .startsWith("record has no key: the key of tandem.status.raw must be the provider id");
  }

  private static String reasonFor(FormatAdapter adapter, String payload) {
    return reasonFor(adapter, payload.getBytes(StandardCharsets.UTF_8));
  }

  private static String reasonFor(FormatAdapter adapter, byte[] payload) {
    return reasonFor(adapter, raw(payload));
  }

  private static String reasonFor(FormatAdapter adapter, RawStatus raw) {
    ParseResult result = adapter.parse(raw);
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).reason();
  }

  private static RawStatus raw(byte[] payload) {
    return Fixtures.raw("feed", payload);
  }
}
