package dev.tandem.pipeline;

import dev.tandem.registry.SchemaRegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Decides what happens to the pipeline when a thread dies because the schema registry could not be
 * reached (no answer, or HTTP 5xx/429, after the registry client's own retries, {@code
 * schema.registry.max.retries}). The thread is replaced so that a short outage is ridden out; the
 * {@value TandemSettings#REGISTRY_MAX_FAILURES}-th such failure in a row stops the whole
 * application, rather than failing and replacing threads for as long as the registry stays away.
 * Failures more than {@link #QUIET} apart start a new count. Not thread-safe on its own: callers
 * synchronize.
 */
public final class RegistryOutage {

  /** A failure this long after the previous one starts a new outage. */
  static final Duration QUIET = Duration.ofMinutes(10);

  /** What to do with the thread that failed. */
  public enum Decision {
    /** Not a registry outage: the usual handling applies. */
    NOT_REGISTRY,
    /** A registry outage, the first failure of it: replace the thread, and say so. */
    RETRY_FIRST,
    /** A registry outage, a later failure of it: replace the thread quietly. */
    RETRY,
    /**
     * A registry outage that has lasted {@value TandemSettings#REGISTRY_MAX_FAILURES} failures:
     * stop the application.
     */
    STOP
  }

  private final int maxFailures;
  private final Clock clock;
  private int failures;
  private Instant first;
  private Instant last;
  private SchemaRegistryException lastError;

  public RegistryOutage(int maxFailures, Clock clock) {
    if (maxFailures < 1) {
      throw new ConfigException(
          TandemSettings.REGISTRY_MAX_FAILURES, maxFailures, "must be at least 1");
    }
    this.maxFailures = maxFailures;
    this.clock = clock;
  }

  public Decision onFailure(Throwable failure) {
    Optional<SchemaRegistryException> registry = SchemaRegistryException.unavailableIn(failure);
    if (registry.isEmpty()) {
      return Decision.NOT_REGISTRY;
    }
    Instant now = clock.instant();
    if (last != null && Duration.between(last, now).compareTo(QUIET) > 0) {
      failures = 0;
    }
    if (failures == 0) {
      first = now;
    }
    failures++;
    last = now;
    lastError = registry.get();
    if (failures >= maxFailures) {
      return Decision.STOP;
    }
    return failures == 1 ? Decision.RETRY_FIRST : Decision.RETRY;
  }

  public int failures() {
    return failures;
  }

  public int maxFailures() {
    return maxFailures;
  }

  /**
   * One line for the log and the command line: which registry, what went wrong, how often, for how
   * long.
   */
  public String summary() {
    if (lastError == null) {
      return "no registry failure";
    }
    long seconds = Duration.between(first, last).toSeconds();
    String where = lastError.url() == null ? "" : " at " + lastError.url();
    return "the schema registry"
        + where
        + " could not be reached ("
        + RegistryReachability.describe(lastError)
        + "): "
        + failures
        + " pipeline thread"
        + (failures == 1 ? "" : "s")
        + " failed on it"
        + (failures == 1 ? "" : " over " + seconds + " s")
        + ", each after the registry client's own retries ("
        + TandemSettings.REGISTRY_MAX_FAILURES
        + "="
        + maxFailures
        + ")";
  }
}
