package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.raw.RawStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RSS 2.0 status feeds ({@code rss}): Statuspage's history.rss, incident.io's feed.rss,
 * StatusCast's /rss/ (Fastly), AWS Health, Azure and Slack. Each {@code <item>} is one update;
 * {@link FeedStyle} reads its status. An item's time is its {@code pubDate}, or the {@code
 * a10:updated} (Atom) or {@code dc:date} that some generators write instead.
 */
public final class RssAdapter implements FormatAdapter {

  public static final String FORMAT = "rss";

  static final String CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/";
  static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";

  @Override
  public String format() {
    return FORMAT;
  }

  /** RSS is XML; see {@link #recognizesXmlRoot}. */
  @Override
  public boolean recognizes(JsonNode document) {
    return false;
  }

  @Override
  public boolean recognizesXmlRoot(String namespaceUri, String localName) {
    return namespaceUri.isEmpty() && localName.equals("rss");
  }

  @Override
  public ParseResult parse(RawStatus raw) {
    try {
      XmlElement root = BoundedXml.read(raw.payload());
      Provenance provenance = Provenance.fromRecordKey(raw, FORMAT);
      if (!recognizesXmlRoot(root.namespace(), root.name())) {
        throw new MalformedPayload(
            "rss payload's root element is " + root.qualifiedName() + ", expected <rss> (RSS 2.0)");
      }
      XmlElement channel =
          root.child("", "channel")
              .orElseThrow(() -> new MalformedPayload("rss payload has no <channel>"));
      List<FeedEntry> entries = new ArrayList<>();
      int position = 1;
      for (XmlElement item : channel.children("", "item")) {
        entries.add(entry(item, position++));
      }
      StatusFeed feed =
          new StatusFeed(
              channel.childText("", "title").orElse(""),
              channel.childText("", "link").orElse(""),
              channel.childText("", "generator").orElse(""),
              entries);
      return ParseResult.parsed(feed.updates(provenance));
    } catch (MalformedPayload e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private static FeedEntry entry(XmlElement item, int position) {
    Optional<String> guid = item.childText("", "guid");
    Optional<String> title =
        item.childText("", "title").map(HtmlText::plain).filter(t -> !t.isEmpty());
    String name =
        "rss item #" + position + guid.or(() -> title).map(n -> " " + quote(n)).orElse("");
    // description is where every status feed puts its body; content:encoded is a richer copy, when
    // present.
    String html =
        item.childText("", "description")
            .or(() -> item.childText(CONTENT_MODULE, "encoded"))
            .orElse(null);
    Optional<Instant> updated =
        StatusFeed.time(item.childText("", "pubDate"), name, "pubDate")
            .or(
                () ->
                    StatusFeed.time(
                        item.childText(AtomAdapter.ATOM, "updated"), name, "a10:updated"))
            .or(() -> StatusFeed.time(item.childText(DUBLIN_CORE, "date"), name, "dc:date"));
    return new FeedEntry(
        name,
        guid.orElse(null),
        item.childText("", "link").orElse(null),
        title.orElse(null),
        html,
        null,
        updated.orElseThrow(() -> new MalformedPayload(name + " has no 'pubDate' timestamp")));
  }
}
