package dev.tandem.normalize;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Vendor timestamps: ISO-8601 date-times with a UTC offset, as Statuspage writes them ({@code
 * 2021-06-08T09:58:00.000Z}, {@code 2024-12-11T15:16:59.123-08:00}), read as instants; feeds add
 * RFC 822 dates ({@code Wed, 16 Mar 2022 19:46:00 +0000}, {@code Fri, 24 Dec 2021 10:41:17 PST}). A
 * time without an offset is refused: it cannot be placed on the timeline correlation works on.
 */
final class VendorTime {

  static final String EXPECTED =
      "expected ISO-8601 with a UTC offset, e.g. 2021-06-08T09:58:00.000Z or 2024-12-11T15:16:59.123-08:00";

  private static final DateTimeFormatter ISO_WITH_OFFSET =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          // Lenient "+HH" takes Z, +08, +08:00 and +0800: vendors are not consistent about the
          // colon.
          .parseLenient()
          .appendOffset("+HH", "Z")
          .toFormatter();

  static final String EXPECTED_IN_FEEDS =
      "expected RFC 822 (e.g. Wed, 16 Mar 2022 19:46:00 +0000) "
          + "or ISO-8601 with a UTC offset (e.g. 2025-10-21T17:39:34Z)";

  /**
   * The zone names RFC 822 allows besides numeric offsets. AWS writes PST and PDT; .NET feeds
   * (Azure) write Z. Other abbreviations are ambiguous (IST, CST elsewhere) and are refused rather
   * than guessed.
   */
  private static final Map<String, ZoneOffset> RFC_822_ZONES =
      Map.ofEntries(
          Map.entry("UT", ZoneOffset.UTC),
          Map.entry("UTC", ZoneOffset.UTC),
          Map.entry("GMT", ZoneOffset.UTC),
          Map.entry("Z", ZoneOffset.UTC),
          Map.entry("EST", ZoneOffset.ofHours(-5)),
          Map.entry("EDT", ZoneOffset.ofHours(-4)),
          Map.entry("CST", ZoneOffset.ofHours(-6)),
          Map.entry("CDT", ZoneOffset.ofHours(-5)),
          Map.entry("MST", ZoneOffset.ofHours(-7)),
          Map.entry("MDT", ZoneOffset.ofHours(-6)),
          Map.entry("PST", ZoneOffset.ofHours(-8)),
          Map.entry("PDT", ZoneOffset.ofHours(-7)));

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /**
   * A date is a few dozen characters; anything much longer is not one, and is not worth scanning.
   */
  private static final int LONGEST_DATE = 64;

  /**
   * Instants outside this range are typos or hostile: Kafka refuses a record timestamp before 1970
   * (an update's time becomes its record's), and far enough out epoch millis (Avro's timestamp)
   * overflow. The instant is checked, not the year as written: 1970-01-01T00:00:00+14:00 is in
   * 1969.
   */
  private static final Instant EARLIEST = Instant.EPOCH;

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private VendorTime() {}

  /** The instant the text names, or empty if it is not an ISO-8601 date-time with an offset. */
  static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String stripped = text.strip();
    Instant common = commonShape(stripped);
    return common != null ? placeable(common) : byFormatter(stripped);
  }

  /** What {@link #parse} answers for any shape, the common one included, read the general way. */
  static Optional<Instant> byFormatter(String stripped) {
    try {
      return placeable(OffsetDateTime.parse(stripped, ISO_WITH_OFFSET).toInstant());
    } catch (DateTimeException e) {
      // Unparseable, or (+999999999-12-31T23:59:59-18:00) past the last instant Java can represent.
      return Optional.empty();
    }
  }

  /**
   * The shape nearly every vendor writes, {@code 2021-06-08T09:58:00.000Z} or {@code
   * 2024-12-11T15:16:59.123-08:00} (seconds, 0 to 9 fraction digits, {@code Z} or {@code ±HH:MM}),
   * read by hand; null for anything else, which the formatter then reads. The formatter's general
   * parse was a third of the time spent normalizing a Statuspage document (bench/RESULTS.md).
   */
  static Instant commonShape(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) != 'T' && t.charAt(10) != 't')
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        nanos = nanos * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int scale = i - start; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z')) {
      offsetSeconds = 0;
    } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      int hours = digits(t, i + 1, i + 3);
      int minutes = digits(t, i + 4, i + 6);
      if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
        return null;
      }
      offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The ASCII digits of {@code t} from {@code from} to {@code to} as a number, or -1. */
  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** A feed's date: RSS writes RFC 822, Atom ISO-8601 (RFC 3339); empty when it is neither. */
  static Optional<Instant> parseFeedTime(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return parse(text).or(() -> parseRfc822(text));
  }

  private static Optional<Instant> parseRfc822(String text) {
    String date = text.strip();
    if (date.length() > LONGEST_DATE) {
      return Optional.empty();
    }
    int comma = date.indexOf(',');
    if (comma >= 0) {
      date = date.substring(comma + 1).strip(); // the weekday is optional and says nothing new
    }
    String[] parts = date.split("\\s+");
    if (parts.length != 5) {
      return Optional.empty();
    }
    int month = MONTHS.indexOf(parts[1].toLowerCase(Locale.ROOT));
    String[] clock = parts[3].split(":");
    Optional<ZoneOffset> offset = offset(parts[4]);
    if (month < 0
        || offset.isEmpty()
        || parts[2].length() != 4
        || clock.length < 2
        || clock.length > 3) {
      return Optional.empty();
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(parts[2]),
              month + 1,
              Integer.parseInt(parts[0]),
              Integer.parseInt(clock[0]),
              Integer.parseInt(clock[1]),
              clock.length == 3 ? Integer.parseInt(clock[2]) : 0);
      return placeable(local.toInstant(offset.get()));
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The instant, when it lies between 1970 and the end of 9999 (UTC); empty otherwise. */
  static Optional<Instant> placeable(Instant instant) {
    return instant.isBefore(EARLIEST) || instant.isAfter(LATEST)
        ? Optional.empty()
        : Optional.of(instant);
  }

  private static Optional<ZoneOffset> offset(String zone) {
    ZoneOffset named = RFC_822_ZONES.get(zone.toUpperCase(Locale.ROOT));
    if (named != null) {
      return Optional.of(named);
    }
    if (zone.length() == 5 && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
      try {
        int hours = Integer.parseInt(zone.substring(1, 3));
        int minutes = Integer.parseInt(zone.substring(3, 5));
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
      } catch (NumberFormatException | DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
