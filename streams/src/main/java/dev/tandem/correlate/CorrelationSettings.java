package dev.tandem.correlate;

import java.time.Duration;

/**
 * The named windows and thresholds of correlation, in the spirit of Alertmanager's
 * {@code group_wait}: each one is a configurable value, documented where it is declared.
 *
 * @param window onsets of two providers this close are linked. 30 minutes: dependents of a failing
 *     upstream post their first status update within minutes to half an hour (Fastly 2021: 13–22 min;
 *     Cloudflare 2025-11-18: under 30 min), while unrelated incidents rarely start that close together.
 * @param dependencyWindow the wider window when one provider is a declared upstream of the other.
 *     90 minutes: clouds often post late, well after their dependents (AWS 2025-10-20 posted ~75 min
 *     after the first symptoms).
 * @param maxSpan an outage's onsets span at most this much, so chains of links cannot grow forever.
 *     3 hours: longer than any cascade in the scenarios, short enough that one evening does not
 *     become one outage.
 * @param minProviders an outage is reported once it holds this many providers (2: two providers
 *     failing together is what Tandem exists to notice).
 * @param minConfidence and only when its confidence reaches this (0.6: above a coin flip, below the
 *     ~0.9 that two tightly aligned major incidents earn).
 * @param priorEpisodesPerDay the incident rate assumed for a provider, used by the coincidence
 *     model. 1/7: a typical large provider posts an incident of MINOR or worse about once a week.
 * @param retention how long after an incident resolves (in event time) it is kept for correlation
 *     and for learning each provider's incident rate; an incident never resolved is dropped this
 *     long after it started. 30 days: long enough to tell a provider that fails daily from one
 *     that fails monthly, short enough that recomputing over the held incidents stays cheap.
 */
public record CorrelationSettings(
    Duration window,
    Duration dependencyWindow,
    Duration maxSpan,
    int minProviders,
    double minConfidence,
    double priorEpisodesPerDay,
    Duration retention) {

  public static final CorrelationSettings DEFAULTS = new CorrelationSettings(
      Duration.ofMinutes(30), Duration.ofMinutes(90), Duration.ofHours(3), 2, 0.6, 1.0 / 7, Duration.ofDays(30));

  public CorrelationSettings {
    requirePositive(window, "window");
    requirePositive(dependencyWindow, "dependencyWindow");
    requirePositive(maxSpan, "maxSpan");
    requirePositive(retention, "retention");
    if (dependencyWindow.compareTo(window) < 0) {
      throw new IllegalArgumentException("dependencyWindow (" + dependencyWindow + ") must not be shorter than window (" + window + ")");
    }
    if (minProviders < 2) {
      throw new IllegalArgumentException("minProviders must be at least 2, got " + minProviders);
    }
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("minConfidence must be within 0..1, got " + minConfidence);
    }
    if (!(priorEpisodesPerDay > 0)) {
      throw new IllegalArgumentException("priorEpisodesPerDay must be positive, got " + priorEpisodesPerDay);
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}
