package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A window in which more providers started failing than the background explains: the evidence that
 * turns onsets without any known link into an outage.
 *
 * @param level the severity level the window was counted at
 * @param width the window's width (one of the scan widths)
 * @param episodes the onsets in the window, by onset
 * @param providers how many distinct providers they are
 * @param expected how many onsets the background makes in a window this wide at this level
 * @param chancePerWeek how often the background alone makes a burst at least this strong, in chance
 *     alarms per week, look-elsewhere included ({@link ScanStatistic})
 * @param background the day's background
 */
public record Burst(
    SeverityLevel level,
    Duration width,
    List<Episode> episodes,
    int providers,
    double expected,
    double chancePerWeek,
    Background background) {

  public Instant from() {
    return episodes.get(0).onset();
  }

  public Instant to() {
    return episodes.get(episodes.size() - 1).onset();
  }
}
