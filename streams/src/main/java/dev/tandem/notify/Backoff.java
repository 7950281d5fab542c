package dev.tandem.notify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before attempt n+1 of a notification: {@code base · 2^(n−1)}, capped, and
 * jittered down by up to a half so that targets failing together do not retry in step. A target's
 * {@code Retry-After} is honoured, up to the cap.
 */
record Backoff(Duration base, Duration max) {

  /**
   * @param failedAttempts attempts made so far, at least 1
   * @param retryAfter what the target asked for, or null
   */
  Duration after(int failedAttempts, Duration retryAfter) {
    double exponential = base.toMillis() * Math.pow(2, Math.min(failedAttempts - 1, 40));
    double capped = Math.min(exponential, max.toMillis());
    long jittered = (long) (capped * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
    long wait = Math.max(1, jittered);
    if (retryAfter != null) {
      wait = Math.max(wait, Math.min(retryAfter.toMillis(), max.toMillis()));
    }
    return Duration.ofMillis(wait);
  }
}
