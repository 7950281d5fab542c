package dev.tandem.collect;

import java.time.Duration;

/**
 * How politely the collector polls: the request timeout, the backoff cap after errors, how much
 * random jitter spreads the fetches, and after how many failures a page counts as unreachable.
 *
 * @param unreachableAfter consecutive failed fetches after which a page counts as unreachable (and
 *     is logged so, once). One by default: with the backoff, a third failure would come only about
 *     7 minutes after the first at a 60 s interval, and an operator should know sooner that a page
 *     is not seen
 * @param jitter fraction of each delay added or removed at random (0.1 = ±10%), so that forty
 *     pollers started together do not stay in lock-step
 * @param maxRetryAfter the longest {@code Retry-After} obeyed, so a bogus header cannot silence a
 *     provider for days
 */
public record PollPolicy(
    Duration requestTimeout,
    Duration maxBackoff,
    double jitter,
    int unreachableAfter,
    Duration maxRetryAfter,
    int maxBodyBytes) {

  public static final PollPolicy DEFAULT =
      new PollPolicy(
          Duration.ofSeconds(20),
          Duration.ofMinutes(30),
          0.1,
          1,
          Duration.ofHours(1),
          10 * 1024 * 1024);

  public PollPolicy {
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), not " + jitter);
    }
  }

  public PollPolicy withRequestTimeout(Duration timeout) {
    return new PollPolicy(
        timeout, maxBackoff, jitter, unreachableAfter, maxRetryAfter, maxBodyBytes);
  }

  public PollPolicy withJitter(double fraction) {
    return new PollPolicy(
        requestTimeout, maxBackoff, fraction, unreachableAfter, maxRetryAfter, maxBodyBytes);
  }

  /**
   * The delay after {@code failures} consecutive failures: the interval doubled per failure,
   * capped.
   */
  public Duration backoff(Duration interval, int failures) {
    if (failures <= 0) {
      return interval;
    }
    // Shift at most 30 times: enough to reach any sane cap without overflowing.
    long millis = interval.toMillis() << Math.min(failures, 30);
    return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
  }
}
