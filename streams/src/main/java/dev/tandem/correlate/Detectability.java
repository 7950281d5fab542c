package dev.tandem.correlate;

import java.time.Duration;

/**
 * How large a shared outage must be for Tandem to tell it from the background, by timing alone: the
 * smallest number of providers starting within a given spread that the burst test reports with the
 * given probability. It grows with the background, which is why the same false-alarm budget makes
 * Tandem quick to notice three providers among fifty and need dozens among ten thousand.
 *
 * <p>The model is the detector's own: the planted providers all fall into the window of the
 * smallest scan width that holds the spread, together with the background's Poisson share of that
 * window; the window is reported when it reaches the threshold at either severity level. Taking the
 * better of the two levels, rather than their union, and ignoring narrower windows that may catch a
 * tight core makes the figure a conservative one.
 */
public final class Detectability {

  private Detectability() {}

  /**
   * @param anyPerDay the background: onsets a day of every provider watched
   * @param majorShare the share of onsets, background and planted alike, that are MAJOR or worse
   * @param spread how far apart the shared outage's onsets fall, at most
   * @param probability how surely it must be found, e.g. 0.95
   * @return the smallest such outage, in providers; Integer.MAX_VALUE beyond 100,000
   */
  public static int smallestFound(
      CorrelationSettings settings,
      double anyPerDay,
      double majorShare,
      Duration spread,
      double probability) {
    for (int k = 2; k <= 100_000; k++) {
      if (probabilityFound(settings, anyPerDay, majorShare, spread, k) >= probability) {
        return k;
      }
    }
    return Integer.MAX_VALUE;
  }

  /** The chance that a shared outage of {@code k} providers within {@code spread} is reported. */
  public static double probabilityFound(
      CorrelationSettings settings, double anyPerDay, double majorShare, Duration spread, int k) {
    java.util.List<Duration> widths = settings.scanWidths();
    Duration width =
        widths.stream()
            .filter(w -> w.compareTo(spread) >= 0)
            .findFirst()
            .orElse(widths.get(widths.size() - 1));
    int tests = widths.size() * SeverityLevel.values().length;
    double minutes = width.toMillis() / 60_000.0;
    boolean wide = width.compareTo(settings.window()) > 0;
    double any =
        atLeast(
            ScanStatistic.expected(minutes, anyPerDay),
            threshold(minutes, anyPerDay, tests, settings, wide) - k);
    double majorPerDay = anyPerDay * majorShare;
    int majorThreshold = threshold(minutes, majorPerDay, tests, settings, wide);
    double major = 0;
    double binomial = Math.pow(1 - majorShare, k);
    for (int j = 0; j <= k; j++) {
      major += binomial * atLeast(ScanStatistic.expected(minutes, majorPerDay), majorThreshold - j);
      binomial =
          j == k || majorShare >= 1
              ? 0
              : binomial * (k - j) / (j + 1) * majorShare / (1 - majorShare);
    }
    return Math.max(any, major);
  }

  private static int threshold(
      double minutes, double perDay, int tests, CorrelationSettings settings, boolean wide) {
    int k = ScanStatistic.threshold(minutes, perDay, tests, settings.falseAlarmsPerWeek());
    return wide ? Math.max(k, 3) : k;
  }

  private static double atLeast(double mean, int m) {
    return ScanStatistic.upperTail(m, mean);
  }
}
