package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A status feed (RSS or Atom) read into the terms both share: who publishes it and its entries.
 * Each entry is one incident as of its latest update and becomes one StatusUpdate, read by the
 * {@link FeedStyle} of its publisher; its update id is its guid (or id) and the time it last
 * changed, so polling an unchanged feed repeats the ids and the dedupe store drops the repeats.
 *
 * @param title the feed's title, or empty
 * @param link the feed's web page, or empty
 * @param generator what produced the feed ("incident.io", "AWS Service Health Dashboard RSS
 *     Generator"), or empty
 * @param entries the entries, in document order
 */
record StatusFeed(String title, String link, String generator, List<FeedEntry> entries) {

  /**
   * Bodies are prose for people; Statuspage feeds repeat the whole incident history in every entry.
   * Past this length the rest is cut: the start says what the latest update says.
   */
  static final int LONGEST_BODY = 20_000;

  StatusFeed {
    entries = List.copyOf(entries);
  }

  List<StatusUpdate> updates(Provenance provenance) {
    List<StatusUpdate> updates = new ArrayList<>(entries.size());
    for (FeedEntry entry : entries) {
      FeedReading reading = FeedStyle.reading(entry, this);
      String incidentId = reading.incidentId() != null ? reading.incidentId() : entry.incidentId();
      updates.add(
          provenance
              .newUpdate()
              .setIncidentId(incidentId)
              .setUpdateId(entry.updateId())
              .setTitle(entry.title() != null ? entry.title() : incidentId)
              .setStatus(reading.status())
              .setImpact(reading.impact())
              .setComponents(reading.components())
              .setBody(clip(reading.body()))
              .setStartedAt(reading.startedAt() != null ? reading.startedAt() : entry.earliest())
              .setUpdatedAt(entry.updated())
              .build());
    }
    return updates;
  }

  /**
   * The time a feed element states, for an entry's reasons to name; empty when the element is
   * absent. A time that is present but unreadable fails the payload, as an unreadable JSON
   * timestamp does.
   */
  static Optional<Instant> time(Optional<String> text, String entryName, String field) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        VendorTime.parseFeedTime(text.get())
            .orElseThrow(
                () ->
                    new MalformedPayload(
                        entryName
                            + " has an unreadable '"
                            + field
                            + "' timestamp "
                            + PayloadObject.quote(text.get())
                            + ": "
                            + VendorTime.EXPECTED_IN_FEEDS)));
  }

  /** Whether the feed's title or link names this (a host, a vendor), ignoring case. */
  boolean mentions(String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    return title.toLowerCase(Locale.ROOT).contains(needle)
        || link.toLowerCase(Locale.ROOT).contains(needle);
  }

  boolean generatorMentions(String text) {
    return generator.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }

  private static String clip(String body) {
    if (body == null || body.length() <= LONGEST_BODY) {
      return body;
    }
    return body.substring(0, LONGEST_BODY) + "…";
  }
}
