package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.raw.RawStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Atom status feeds ({@code atom}): Statuspage's history.atom (GitHub, Claude…), incident.io's
 * history.atom, Slack's feed/atom. Each {@code <entry>} is one update; {@link FeedStyle} reads its
 * status. An entry's time is its {@code updated} (Atom requires it), else its {@code published}.
 */
public final class AtomAdapter implements FormatAdapter {

  public static final String FORMAT = "atom";

  static final String ATOM = "http://www.w3.org/2005/Atom";

  @Override
  public String format() {
    return FORMAT;
  }

  /** Atom is XML; see {@link #recognizesXmlRoot}. */
  @Override
  public boolean recognizes(JsonNode document) {
    return false;
  }

  @Override
  public boolean recognizesXmlRoot(String namespaceUri, String localName) {
    return namespaceUri.equals(ATOM) && localName.equals("feed");
  }

  @Override
  public ParseResult parse(RawStatus raw) {
    try {
      XmlElement root = BoundedXml.read(raw.payload());
      Provenance provenance = Provenance.fromRecordKey(raw, FORMAT);
      if (!recognizesXmlRoot(root.namespace(), root.name())) {
        throw new MalformedPayload(
            "atom payload's root element is "
                + root.qualifiedName()
                + ", expected <feed> in the Atom namespace "
                + ATOM);
      }
      List<FeedEntry> entries = new ArrayList<>();
      int position = 1;
      for (XmlElement entry : root.children(ATOM, "entry")) {
        entries.add(entry(entry, position++));
      }
      StatusFeed feed =
          new StatusFeed(
              root.childText(ATOM, "title").orElse(""),
              link(root).orElse(""),
              root.childText(ATOM, "generator").orElse(""),
              entries);
      return ParseResult.parsed(feed.updates(provenance));
    } catch (MalformedPayload e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private static FeedEntry entry(XmlElement entry, int position) {
    Optional<String> id = entry.childText(ATOM, "id");
    Optional<String> title =
        entry
            .child(ATOM, "title")
            .map(AtomAdapter::html)
            .map(HtmlText::plain)
            .filter(t -> !t.isEmpty());
    String name =
        "atom entry #" + position + id.or(() -> title).map(n -> " " + quote(n)).orElse("");
    Optional<Instant> published =
        StatusFeed.time(entry.childText(ATOM, "published"), name, "published");
    Instant updated =
        StatusFeed.time(entry.childText(ATOM, "updated"), name, "updated")
            .or(() -> published)
            .orElseThrow(
                () -> new MalformedPayload(name + " has no 'updated' or 'published' timestamp"));
    return new FeedEntry(
        name,
        id.orElse(null),
        link(entry).orElse(null),
        title.orElse(null),
        body(entry),
        published.orElse(null),
        updated);
  }

  /**
   * The fuller of {@code content} and {@code summary}: vendors split what they say between them
   * (incident.io lists affected components only in the summary, Statuspage repeats one in the
   * other).
   */
  private static String body(XmlElement entry) {
    String content = entry.child(ATOM, "content").map(AtomAdapter::html).orElse("");
    String summary = entry.child(ATOM, "summary").map(AtomAdapter::html).orElse("");
    String fuller = summary.length() > content.length() ? summary : content;
    return fuller.isBlank() ? null : fuller;
  }

  /**
   * An Atom text construct as HTML: {@code type="xhtml"} content is markup in the tree, the rest is
   * text.
   */
  private static String html(XmlElement text) {
    return "xhtml".equals(text.attributes().get("type")) ? text.allText() : text.text();
  }

  /**
   * The {@code alternate} link (a link without {@code rel} is one), which Atom points at the web
   * page.
   */
  private static Optional<String> link(XmlElement element) {
    for (XmlElement link : element.children(ATOM, "link")) {
      String rel = link.attribute("rel").orElse("alternate");
      if (rel.equals("alternate")) {
        Optional<String> href = link.attribute("href");
        if (href.isPresent()) {
          return href;
        }
      }
    }
    return Optional.empty();
  }
}
