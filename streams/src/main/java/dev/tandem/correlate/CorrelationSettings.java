package dev.tandem.correlate;

import java.time.Duration;
import java.util.List;

/**
 * The named windows and thresholds of correlation, in the spirit of Alertmanager's {@code
 * group_wait}: each one is a configurable value, documented where it is declared.
 *
 * <p>The model they parameterize (README, "The correlation model"): every provider's onsets are a
 * Poisson process at its learned rate ({@link BackgroundRates}); a window of onsets is a burst when
 * the background of every provider watched would make one that strong less often than {@code
 * falseAlarmsPerWeek}, each scan width and severity level charged as a separate test ({@link
 * ScanStatistic}, {@link BurstDetector}); only minimal bursts make members; groups linked by what
 * incidents say about upstreams are judged by their own coincidence probability instead ({@link
 * Confidence}).
 *
 * @param window two providers alone make a burst only within this, and two dependents of the same
 *     upstream are linked by that evidence within it. 30 minutes: dependents of a failing upstream
 *     post their first status update within minutes to half an hour (Fastly 2021: 13–22 min;
 *     Cloudflare 2025-11-18: under 30 min); a pair further apart is too weak to report on timing
 *     alone.
 * @param dependencyWindow a dependent and its upstream are linked by that evidence within this. 90
 *     minutes: clouds often post late, well after their dependents (AWS 2025-10-20 posted ~75 min
 *     after the first symptoms).
 * @param maxSpan an outage's onsets span at most this much, and the widest burst window is this
 *     wide. 3 hours: longer than any cascade in the scenarios, short enough that one evening does
 *     not become one outage.
 * @param minProviders an outage is reported once it holds this many providers (2: two providers
 *     failing together is what Tandem exists to notice).
 * @param minConfidence an outage linked by evidence (not a burst) is reported when its confidence
 *     reaches this (0.6: above a coin flip, below the ~0.9 that two tightly aligned major incidents
 *     of providers linked by a dependency earn).
 * @param priorEpisodesPerDay the incident rate assumed for a provider before it is observed, used
 *     by the background and the coincidence model (half of it for MAJOR or worse). 1/7: a typical
 *     large provider posts an incident of MINOR or worse about once a week.
 * @param retention how long after an incident resolves (in event time) it is kept for correlation
 *     and for learning each provider's incident rate; an incident never resolved is dropped this
 *     long after it started. 30 days: long enough to tell a provider that fails daily from one that
 *     fails monthly, short enough that recomputing over the held incidents stays cheap.
 * @param rateDecay how fast a provider's past episodes stop counting toward its learned rate: an
 *     episode this old counts 1/e as much as one today. 30 days: rates follow a provider's recent
 *     habits (a bad month) without forgetting them within a week.
 * @param priorWeightDays how many days of observation the prior rate is worth. 14: one incident of
 *     a provider never seen before does not make it look noisy, three weeks of daily incidents do.
 * @param falseAlarmsPerWeek the false-alarm budget: how many outages a week the background alone
 *     may produce, whatever the number of providers watched. An outage with no evidence of a common
 *     cause is reported only when its burst of onsets is rarer than this ({@link ScanStatistic}:
 *     the background rate of all providers watched, each scan width and severity level charged as a
 *     separate test). 0.1: about one chance alert in ten weeks, under one in 30 days even before
 *     counting that the bound is conservative; an on-call engineer paged by Tandem should find a
 *     real shared outage nearly every time, and real shared outages are rare enough that a busier
 *     budget would mostly add noise.
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
    double falseAlarmsPerWeek) {

  public static final CorrelationSettings DEFAULTS =
      new CorrelationSettings(
          Duration.ofMinutes(30),
          Duration.ofMinutes(90),
          Duration.ofHours(3),
          2,
          0.6,
          1.0 / 7,
          Duration.ofDays(30),
          Duration.ofDays(30),
          14,
          0.1);

  public CorrelationSettings {
    requirePositive(window, "window");
    requirePositive(dependencyWindow, "dependencyWindow");
    requirePositive(maxSpan, "maxSpan");
    requirePositive(retention, "retention");
    requirePositive(rateDecay, "rateDecay");
    if (!(falseAlarmsPerWeek > 0 && Double.isFinite(falseAlarmsPerWeek))) {
      throw new IllegalArgumentException(
          "falseAlarmsPerWeek must be positive, got " + falseAlarmsPerWeek);
    }
    if (!(priorWeightDays > 0)) {
      throw new IllegalArgumentException(
          "priorWeightDays must be positive, got " + priorWeightDays);
    }
    if (dependencyWindow.compareTo(window) < 0) {
      throw new IllegalArgumentException(
          "dependencyWindow ("
              + dependencyWindow
              + ") must not be shorter than window ("
              + window
              + ")");
    }
    if (minProviders < 2) {
      throw new IllegalArgumentException("minProviders must be at least 2, got " + minProviders);
    }
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("minConfidence must be within 0..1, got " + minConfidence);
    }
    if (!(priorEpisodesPerDay > 0)) {
      throw new IllegalArgumentException(
          "priorEpisodesPerDay must be positive, got " + priorEpisodesPerDay);
    }
  }

  /** A copy to change some settings of, by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Settings changed by name, so that no caller joins ten values by their position. */
  public static final class Builder {
    private Duration window;
    private Duration dependencyWindow;
    private Duration maxSpan;
    private int minProviders;
    private double minConfidence;
    private double priorEpisodesPerDay;
    private Duration retention;
    private Duration rateDecay;
    private double priorWeightDays;
    private double falseAlarmsPerWeek;

    private Builder(CorrelationSettings from) {
      window = from.window;
      dependencyWindow = from.dependencyWindow;
      maxSpan = from.maxSpan;
      minProviders = from.minProviders;
      minConfidence = from.minConfidence;
      priorEpisodesPerDay = from.priorEpisodesPerDay;
      retention = from.retention;
      rateDecay = from.rateDecay;
      priorWeightDays = from.priorWeightDays;
      falseAlarmsPerWeek = from.falseAlarmsPerWeek;
    }

    public Builder window(Duration value) {
      window = value;
      return this;
    }

    public Builder dependencyWindow(Duration value) {
      dependencyWindow = value;
      return this;
    }

    public Builder maxSpan(Duration value) {
      maxSpan = value;
      return this;
    }

    public Builder minProviders(int value) {
      minProviders = value;
      return this;
    }

    public Builder minConfidence(double value) {
      minConfidence = value;
      return this;
    }

    public Builder priorEpisodesPerDay(double value) {
      priorEpisodesPerDay = value;
      return this;
    }

    public Builder retention(Duration value) {
      retention = value;
      return this;
    }

    public Builder rateDecay(Duration value) {
      rateDecay = value;
      return this;
    }

    public Builder priorWeightDays(double value) {
      priorWeightDays = value;
      return this;
    }

    public Builder falseAlarmsPerWeek(double value) {
      falseAlarmsPerWeek = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException when a value, or two together, make no sense
     */
    public CorrelationSettings build() {
      return new CorrelationSettings(
          window,
          dependencyWindow,
          maxSpan,
          minProviders,
          minConfidence,
          priorEpisodesPerDay,
          retention,
          rateDecay,
          priorWeightDays,
          falseAlarmsPerWeek);
    }
  }

  /**
   * The window widths a burst is looked for in: 5, 10, 15 and 30 minutes, then 1, 2 and 3 hours, up
   * to the maximum span, plus the window itself. Roughly doubling steps: a burst of any duration up
   * to the maximum span is caught by a width at most about twice its own, and each width is a test
   * the false-alarm budget pays for, so there are few of them.
   */
  public List<Duration> scanWidths() {
    java.util.TreeSet<Duration> widths = new java.util.TreeSet<>();
    for (long minutes : new long[] {5, 10, 15, 30, 60, 120, 180}) {
      Duration d = Duration.ofMinutes(minutes);
      if (d.compareTo(maxSpan) <= 0) {
        widths.add(d);
      }
    }
    if (window.compareTo(maxSpan) <= 0) {
      widths.add(window);
    }
    if (widths.isEmpty()) {
      widths.add(maxSpan);
    }
    return List.copyOf(widths);
  }

  /**
   * How long after it ages out (in event time) an incident is still held, frozen: the background of
   * a day counts the incidents of the rate window before it (a day less than the retention), so
   * every day that can still change is judged on all of them, never on what eviction left.
   */
  public Duration frozenFor() {
    return retention;
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}
