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
 * @param rateDecay how fast a provider's past episodes stop counting toward its learned rate: an
 *     episode this old counts 1/e as much as one today. 30 days: rates follow a provider's recent
 *     habits (a bad month) without forgetting them within a week.
 * @param priorWeightDays how many days of observation the prior rate is worth. 14: one incident of a
 *     provider never seen before does not make it look noisy, three weeks of daily incidents do.
 * @param linkPrior how plausible a common cause is for providers failing close together when
 *     nothing in their incidents points at a shared upstream (see {@code Confidence}). 0.02: most
 *     incidents are a provider's own; then two major incidents 10 minutes apart of providers that
 *     fail weekly reach ~0.9, and two minor ones 18 minutes apart next to a provider that fails
 *     daily stay below 0.6.
 */
public record CorrelationSettings(
    Duration window,
    Duration dependencyWindow,
    Duration maxSpan,
    int minProviders,
    double minConfidence,
    double priorEpisodesPerDay,
    Duration retention,
    Duration rateDecay,
    double priorWeightDays,
    double linkPrior) {

  public static final CorrelationSettings DEFAULTS = new CorrelationSettings(
      Duration.ofMinutes(30), Duration.ofMinutes(90), Duration.ofHours(3), 2, 0.6, 1.0 / 7, Duration.ofDays(30), Duration.ofDays(30), 14, 0.02);

  public CorrelationSettings {
    requirePositive(window, "window");
    requirePositive(dependencyWindow, "dependencyWindow");
    requirePositive(maxSpan, "maxSpan");
    requirePositive(retention, "retention");
    requirePositive(rateDecay, "rateDecay");
    if (!(linkPrior > 0 && linkPrior < 1)) {
      throw new IllegalArgumentException("linkPrior must be within (0, 1), got " + linkPrior);
    }
    if (!(priorWeightDays > 0)) {
      throw new IllegalArgumentException("priorWeightDays must be positive, got " + priorWeightDays);
    }
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
