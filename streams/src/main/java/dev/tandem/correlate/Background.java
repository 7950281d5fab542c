package dev.tandem.correlate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The background against which a burst is judged, for one UTC day: how many providers are watched
 * and how many onsets a day they produce together at each severity level (the sum of their learned
 * rates, {@link BackgroundRates}).
 *
 * @param day the first instant of the UTC day
 */
public record Background(Instant day, int watched, double anyPerDay, double majorPerDay) {

  public static Instant dayOf(Instant t) {
    return t.truncatedTo(ChronoUnit.DAYS);
  }

  public double perDay(SeverityLevel level) {
    return level == SeverityLevel.ANY ? anyPerDay : majorPerDay;
  }
}
