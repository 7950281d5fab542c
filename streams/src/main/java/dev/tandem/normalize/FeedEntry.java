package dev.tandem.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Optional;

/**
 * One RSS item or Atom entry, in the terms both formats share. A status feed entry is one incident
 * as of its latest update, so each entry becomes one StatusUpdate.
 *
 * @param name what the entry is, as failure reasons call it ("rss item #3")
 * @param id the RSS {@code guid} or Atom {@code id}, or null
 * @param link the entry's web page, or null
 * @param title the title as plain text, or null
 * @param html the body as the feed carries it (HTML), or null
 * @param published when the entry was first published, or null when the feed does not say
 * @param updated when the entry last changed: Atom {@code updated}, RSS {@code pubDate}
 */
record FeedEntry(
    String name,
    String id,
    String link,
    String title,
    String html,
    Instant published,
    Instant updated) {

  private static final String INCIDENTS_PATH = "/incidents/";

  /**
   * The incident the entry is about. Statuspage and incident.io link each entry to {@code
   * …/incidents/<id>}: that id is the one their JSON APIs use, so a feed and the JSON of one page
   * name an incident alike. Other feeds are named by their guid or id, then their link, then their
   * title.
   */
  String incidentId() {
    return incidentIdInLink()
        .or(() -> Optional.ofNullable(id))
        .or(() -> Optional.ofNullable(link))
        .or(() -> Optional.ofNullable(title))
        .orElseThrow(
            () ->
                new MalformedPayload(
                    name + " has no id, guid, link or title to name its incident by"));
  }

  /**
   * What names this version of the entry: its id (or link, or incident) and when it last changed.
   */
  String updateId() {
    String base = id != null ? id : link != null ? link : incidentId();
    return base + "@" + updated;
  }

  /**
   * The earliest time the entry states; downstream keeps the earliest start it sees for an
   * incident.
   */
  Instant earliest() {
    return published != null && published.isBefore(updated) ? published : updated;
  }

  private Optional<String> incidentIdInLink() {
    if (link == null) {
      return Optional.empty();
    }
    String path;
    try {
      path = new URI(link.strip()).getPath();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (path == null) {
      return Optional.empty();
    }
    int at = path.lastIndexOf(INCIDENTS_PATH);
    if (at < 0) {
      return Optional.empty();
    }
    String segment = path.substring(at + INCIDENTS_PATH.length());
    if (segment.endsWith("/")) {
      segment = segment.substring(0, segment.length() - 1);
    }
    return segment.isEmpty() || segment.contains("/") ? Optional.empty() : Optional.of(segment);
  }
}
