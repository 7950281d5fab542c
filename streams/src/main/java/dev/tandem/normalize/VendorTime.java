package dev.tandem.normalize;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Vendor timestamps: ISO-8601 date-times with a UTC offset, as Statuspage writes them
 * ({@code 2021-06-08T09:58:00.000Z}, {@code 2024-12-11T15:16:59.123-08:00}), read as instants.
 * A time without an offset is refused: it cannot be placed on the timeline correlation works on.
 */
final class VendorTime {

  static final String EXPECTED =
      "expected ISO-8601 with a UTC offset, e.g. 2021-06-08T09:58:00.000Z or 2024-12-11T15:16:59.123-08:00";

  private static final DateTimeFormatter ISO_WITH_OFFSET = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      // Lenient "+HH" takes Z, +08, +08:00 and +0800: vendors are not consistent about the colon.
      .parseLenient()
      .appendOffset("+HH", "Z")
      .toFormatter();

  /** Years outside this range are typos or hostile; beyond them epoch millis (Avro's timestamp) overflow. */
  private static final int EARLIEST_YEAR = 1970;
  private static final int LATEST_YEAR = 9999;

  private VendorTime() {}

  /** The instant the text names, or empty if it is not an ISO-8601 date-time with an offset. */
  static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      OffsetDateTime time = OffsetDateTime.parse(text.strip(), ISO_WITH_OFFSET);
      if (time.getYear() < EARLIEST_YEAR || time.getYear() > LATEST_YEAR) {
        return Optional.empty();
      }
      return Optional.of(time.toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
