package dev.tandem.evaluate;

import java.time.Duration;
import java.util.List;

/**
 * Minimum, median and maximum of detection delays; the median of an even count is the mean of the
 * two middle values. All null when there is no delay to summarize.
 */
public record DelaySummary(int count, Duration min, Duration median, Duration max) {

  public static DelaySummary of(List<Duration> delays) {
    if (delays.isEmpty()) {
      return new DelaySummary(0, null, null, null);
    }
    List<Duration> sorted = delays.stream().sorted().toList();
    int n = sorted.size();
    Duration median =
        n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    return new DelaySummary(n, sorted.get(0), median, sorted.get(n - 1));
  }
}
