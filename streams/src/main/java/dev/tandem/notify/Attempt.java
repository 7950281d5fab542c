package dev.tandem.notify;

import java.time.Duration;

/**
 * What came of one POST to a target.
 *
 * @param retryAfter the target's {@code Retry-After}, or null
 * @param detail the status and what the target said, or the I/O error, without secrets
 */
record Attempt(Outcome outcome, int status, Duration retryAfter, String detail) {

  enum Outcome {
    /** The target took it (2xx; PagerDuty answers 202). */
    SENT,
    /** Worth trying again: 5xx, 408, 429, no answer. */
    RETRY,
    /** Never worth trying again: any other 4xx (a bad payload, a revoked URL or key). */
    REFUSED
  }

  /** By the HTTP status, as PagerDuty's and Slack's documentation tell to treat theirs. */
  static Attempt of(int status, Duration retryAfter, String detail) {
    Outcome outcome;
    if (status / 100 == 2) {
      outcome = Outcome.SENT;
    } else if (status / 100 == 4 && status != 408 && status != 429) {
      outcome = Outcome.REFUSED;
    } else {
      outcome = Outcome.RETRY;
    }
    return new Attempt(outcome, status, retryAfter, detail);
  }

  static Attempt unanswered(String detail) {
    return new Attempt(Outcome.RETRY, 0, null, detail);
  }
}
