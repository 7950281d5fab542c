package dev.tandem.normalize;

import dev.tandem.contract.IncidentStatus;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The update history that a Statuspage feed entry (history.rss, history.atom) carries in its HTML,
 * newest first: {@code <small>Oct 21, 17:39 UTC</small><br><strong>Resolved</strong> - text}.
 * Statuspage writes the same labels as its JSON statuses ("Investigating" … "Completed"), plus
 * "Update" for a post that does not change the phase.
 *
 * @param blocks the updates, newest first
 */
record StatuspageTimeline(List<Block> blocks) {

  /**
   * One update in the entry.
   *
   * @param label the bold label, e.g. "Resolved" or "Update"
   * @param time the small print above it, e.g. "Oct 21, 17:39 UTC", or empty
   * @param text what the update says, as plain text
   */
  record Block(String label, String time, String text) {

    /** The phase the label names; empty for "Update", which keeps the phase the incident was in. */
    Optional<IncidentStatus> phase() {
      IncidentStatus status = StatuspageVocabulary.incidentStatus(label);
      return status == IncidentStatus.UNKNOWN ? Optional.empty() : Optional.of(status);
    }
  }

  /** A label is a word or two; a longer bold run is emphasis inside an update, not a label. */
  private static final int LONGEST_LABEL = 24;

  /** A tag with its attributes; Statuspage writes a bare {@code <strong>}. */
  private static final int LONGEST_TAG = 200;

  /**
   * "Oct 21, 17:39 UTC" and "Aug 28, 10:33 PM UTC" are short; anything long is not the small print
   * of a date.
   */
  private static final int LONGEST_TIME = 40;

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  StatuspageTimeline {
    blocks = List.copyOf(blocks);
  }

  /**
   * The blocks of an entry's HTML; none when it is not in Statuspage's shape. Every search starts
   * where the last one ended or looks only a few characters ahead, so hostile markup costs what its
   * length costs.
   */
  static StatuspageTimeline read(String html) {
    if (html == null) {
      return new StatuspageTimeline(List.of());
    }
    List<Label> labels = new ArrayList<>();
    int from = 0;
    int strong;
    while ((strong = HtmlText.indexOfIgnoreCase(html, "<strong", from)) >= 0) {
      Optional<Label> label = label(html, strong);
      // Bold text that is not a label is emphasis inside an update: part of that update's text.
      from = label.map(Label::end).orElse(strong + 1);
      label.ifPresent(labels::add);
    }
    List<Block> blocks = new ArrayList<>(labels.size());
    int stretchStart = 0;
    int nextSmall = -2;
    for (int i = 0; i < labels.size(); i++) {
      Label label = labels.get(i);
      String time = smallPrint(html, stretchStart, label.start());
      int boundary = i + 1 < labels.size() ? labels.get(i + 1).start() : html.length();
      if (nextSmall != -1 && nextSmall < label.end()) {
        nextSmall = HtmlText.indexOfIgnoreCase(html, "<small", label.end());
      }
      // An update's text ends where the next one's small print (its time) or label begins.
      int textEnd = nextSmall >= 0 && nextSmall < boundary ? nextSmall : boundary;
      blocks.add(
          new Block(
              label.text(), time, dashless(HtmlText.plain(html.substring(label.end(), textEnd)))));
      stretchStart = textEnd;
    }
    return new StatuspageTimeline(blocks);
  }

  boolean isEmpty() {
    return blocks.isEmpty();
  }

  /**
   * The phase the incident is in: that of the newest block naming one. "Update" posts keep the
   * phase, so an entry whose newest post is an "Update" after "Identified" is still identified.
   */
  Optional<IncidentStatus> phase() {
    return blocks.stream().map(Block::phase).flatMap(Optional::stream).findFirst();
  }

  /** The newest update's text. */
  Optional<String> latestText() {
    return blocks.isEmpty()
        ? Optional.empty()
        : Optional.of(blocks.get(0).text()).filter(t -> !t.isEmpty());
  }

  /**
   * When the oldest update was posted. The small print has no year: it is the entry's own year, or
   * the one before when that would put the update in the future (an incident over New Year). Only
   * times written in UTC are read; a page set to another time zone writes abbreviations that are
   * ambiguous.
   */
  Optional<Instant> oldestTime(Instant entryTime) {
    if (blocks.isEmpty()) {
      return Optional.empty();
    }
    return timeOf(blocks.get(blocks.size() - 1).time(), entryTime);
  }

  static Optional<Instant> timeOf(String smallPrint, Instant entryTime) {
    if (smallPrint == null || smallPrint.isEmpty() || smallPrint.length() > LONGEST_TIME) {
      return Optional.empty();
    }
    String[] parts = smallPrint.replace(",", " ").strip().split("\\s+");
    if (parts.length != 4 && parts.length != 5) {
      return Optional.empty();
    }
    String zone = parts[parts.length - 1].toUpperCase(Locale.ROOT);
    int month = MONTHS.indexOf(parts[0].toLowerCase(Locale.ROOT));
    String[] clock = parts[2].split(":");
    if (month < 0 || clock.length != 2 || !(zone.equals("UTC") || zone.equals("GMT"))) {
      return Optional.empty();
    }
    try {
      int day = Integer.parseInt(parts[1]);
      int hour = Integer.parseInt(clock[0]);
      int minute = Integer.parseInt(clock[1]);
      if (parts.length == 5) {
        String half = parts[3].toUpperCase(Locale.ROOT);
        if (!(half.equals("AM") || half.equals("PM")) || hour < 1 || hour > 12) {
          return Optional.empty();
        }
        hour = hour % 12 + (half.equals("PM") ? 12 : 0);
      }
      int year = entryTime.atOffset(ZoneOffset.UTC).getYear();
      Instant candidate =
          LocalDateTime.of(year, month + 1, day, hour, minute).toInstant(ZoneOffset.UTC);
      if (candidate.isAfter(entryTime.plus(Duration.ofDays(2)))) {
        candidate =
            LocalDateTime.of(year - 1, month + 1, day, hour, minute).toInstant(ZoneOffset.UTC);
      }
      // The year before an entry of early 1970 is 1969: no time Tandem can place, as VendorTime
      // says.
      return VendorTime.placeable(candidate);
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A bold run that is one of Statuspage's labels: where it starts, what it says, where its closing
   * tag ends.
   */
  private record Label(int start, String text, int end) {}

  private static Optional<Label> label(String html, int strong) {
    int open = indexWithin(html, ">", strong, LONGEST_TAG);
    if (open < 0) {
      return Optional.empty();
    }
    int close = indexWithin(html, "</strong>", open, LONGEST_LABEL * 4);
    if (close < 0) {
      return Optional.empty();
    }
    String text = HtmlText.plain(html.substring(open + 1, close));
    int end = close + "</strong>".length();
    if (text.isEmpty()
        || text.length() > LONGEST_LABEL
        || !isLabel(text)
        || !dashFollows(html, end)) {
      return Optional.empty();
    }
    return Optional.of(new Label(strong, text, end));
  }

  /**
   * Statuspage always writes "label - text"; a bold phase word without the dash is emphasis in
   * prose.
   */
  private static boolean dashFollows(String html, int from) {
    int i = from;
    while (i < html.length()
        && i < from + LONGEST_LABEL
        && Character.isWhitespace(html.charAt(i))) {
      i++;
    }
    return i < html.length()
        && (html.charAt(i) == '-' || html.charAt(i) == '–' || html.charAt(i) == '—');
  }

  /**
   * Where {@code needle} occurs (ignoring case) no further than {@code window} characters after
   * {@code from}.
   */
  private static int indexWithin(String html, String needle, int from, int window) {
    int last = Math.min(html.length() - needle.length(), from + window);
    for (int i = from; i <= last; i++) {
      if (html.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isLabel(String text) {
    return text.equalsIgnoreCase("update")
        || StatuspageVocabulary.incidentStatus(text) != IncidentStatus.UNKNOWN;
  }

  /** The text of the last {@code <small>} between {@code from} and {@code to}, or empty. */
  private static String smallPrint(String html, int from, int to) {
    for (int i = to - "<small".length(); i >= from; i--) {
      if (html.regionMatches(true, i, "<small", 0, "<small".length())) {
        return HtmlText.plain(html.substring(i, to));
      }
    }
    return "";
  }

  /**
   * "- This incident…": the dash Statuspage puts between label and text is not part of the text.
   */
  private static String dashless(String text) {
    int i = 0;
    while (i < text.length()
        && (text.charAt(i) == '-'
            || text.charAt(i) == '–'
            || text.charAt(i) == '—'
            || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    return text.substring(i);
  }
}
