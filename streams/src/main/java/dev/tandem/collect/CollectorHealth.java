package dev.tandem.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-provider counters of the collector and its "unreachable" flag: set after a number of
 * consecutive failed fetches (one, by default), cleared by the next success. Each change is logged
 * once: a WARN when a page becomes unreachable, an INFO when it answers again; the failed fetches
 * in between only at DEBUG, so a page that stays down for a day is two lines, not one per fetch.
 */
public final class CollectorHealth {

  private static final Logger log = LoggerFactory.getLogger(CollectorHealth.class);

  private final Map<String, ProviderHealth> providers = new ConcurrentHashMap<>();

  /** Why each provider whose page is misconfigured now is so. */
  private final Map<String, String> misconfigured = new ConcurrentHashMap<>();

  /** When each provider that is unreachable now became so. */
  private final Map<String, Instant> unreachableSince = new ConcurrentHashMap<>();

  private volatile boolean announce = true;
  private final int unreachableAfter;
  private final Clock clock;

  /**
   * @param unreachableAfter consecutive failures after which a page counts as unreachable
   */
  public CollectorHealth(int unreachableAfter, Clock clock) {
    if (unreachableAfter < 1) {
      throw new IllegalArgumentException("unreachableAfter must be at least 1");
    }
    this.unreachableAfter = unreachableAfter;
    this.clock = clock;
  }

  /**
   * Whether changes are logged at WARN/INFO (the default) or only at DEBUG, for a caller that
   * reports the outcome itself ({@code tandem collect --once}).
   */
  void announceChanges(boolean announce) {
    this.announce = announce;
  }

  public ProviderHealth of(String provider) {
    return providers.getOrDefault(provider, empty(provider));
  }

  public List<ProviderHealth> all() {
    return providers.values().stream()
        .sorted(Comparator.comparing(ProviderHealth::provider))
        .toList();
  }

  public List<String> unreachable() {
    return all().stream()
        .filter(ProviderHealth::unreachable)
        .map(ProviderHealth::provider)
        .toList();
  }

  /** The providers whose page answers, but not as their entry declares, and why. */
  public Map<String, String> misconfigured() {
    return new java.util.TreeMap<>(misconfigured);
  }

  /**
   * A page that answered, but not as its entry declares (a 403, HTML where JSON was declared):
   * counted as a failed fetch, never published, and logged once as a problem of the entry, not an
   * outage of the provider, until a fetch reads as declared again.
   */
  void misconfigured(String provider, String reason) {
    dev.tandem.metrics.TandemMeters.fetched(provider, "misconfigured");
    providers.compute(
        provider,
        (id, h) -> {
          h = h == null ? empty(id) : h;
          return new ProviderHealth(
              id,
              h.lastSuccess(),
              clock.instant(),
              reason,
              h.consecutiveFailures() + 1,
              h.unreachable(),
              h.fetches() + 1,
              h.published(),
              h.notModified(),
              h.unchanged(),
              h.failures() + 1);
        });
    if (misconfigured.put(provider, reason) == null) {
      String message =
          "{} status page is misconfigured (not an outage of {}): {}; nothing is published from it"
              + " until it reads as declared; check the entry with tandem collect --check --only {}";
      Object[] args = {provider, provider, reason, provider};
      report(org.slf4j.event.Level.WARN, message, args);
    }
  }

  void fetched(String provider, Fetch fetch) {
    if (misconfigured.remove(provider) != null) {
      report(org.slf4j.event.Level.INFO, "{} status page reads as declared again", provider);
    }
    dev.tandem.metrics.TandemMeters.fetched(
        provider, fetch.name().toLowerCase(java.util.Locale.ROOT));
    AtomicReference<ProviderHealth> previous = new AtomicReference<>();
    providers.compute(
        provider,
        (id, h) -> {
          h = h == null ? empty(id) : h;
          previous.set(h);
          return new ProviderHealth(
              id,
              clock.instant(),
              h.lastFailure(),
              null,
              0,
              false,
              h.fetches() + 1,
              h.published() + (fetch == Fetch.PUBLISHED ? 1 : 0),
              h.notModified() + (fetch == Fetch.NOT_MODIFIED ? 1 : 0),
              h.unchanged() + (fetch == Fetch.UNCHANGED ? 1 : 0),
              h.failures());
        });
    Instant since = unreachableSince.remove(provider);
    if (since != null) {
      ProviderHealth before = previous.get();
      String message = "{} status page is reachable again after {} failed {} (unreachable for {})";
      Object[] args = {
        provider,
        before.consecutiveFailures(),
        before.consecutiveFailures() == 1 ? "fetch" : "fetches",
        readable(Duration.between(since, clock.instant()))
      };
      report(org.slf4j.event.Level.INFO, message, args);
    }
  }

  void failed(String provider, String reason) {
    dev.tandem.metrics.TandemMeters.fetched(provider, "failed");
    ProviderHealth after =
        providers.compute(
            provider,
            (id, h) -> {
              h = h == null ? empty(id) : h;
              int failures = h.consecutiveFailures() + 1;
              return new ProviderHealth(
                  id,
                  h.lastSuccess(),
                  clock.instant(),
                  reason,
                  failures,
                  failures >= unreachableAfter,
                  h.fetches() + 1,
                  h.published(),
                  h.notModified(),
                  h.unchanged(),
                  h.failures() + 1);
            });
    if (after.unreachable()
        && unreachableSince.putIfAbsent(provider, after.lastFailure()) == null) {
      // Logged once per spell, as a collector problem: the normalizer never sees it as an outage.
      String message =
          "{} status page unreachable{} (not an outage of {}): {}; retrying with backoff, further failures"
              + " logged at DEBUG until it answers again";
      Object[] args = {
        provider,
        after.consecutiveFailures() == 1
            ? ""
            : " after " + after.consecutiveFailures() + " failed fetches",
        provider,
        reason
      };
      report(org.slf4j.event.Level.WARN, message, args);
    } else {
      log.debug("{} fetch failed ({} in a row): {}", provider, after.consecutiveFailures(), reason);
    }
  }

  /**
   * A change of a page's state: at {@code level} while changes are announced, else at DEBUG ({@code
   * collect --once} reports them in its summary).
   */
  private void report(org.slf4j.event.Level level, String message, Object... args) {
    log.atLevel(announce ? level : org.slf4j.event.Level.DEBUG).log(message, args);
  }

  /** "45 s", "12 min", "3.5 h". */
  static String readable(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min";
    }
    return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
  }

  private static ProviderHealth empty(String provider) {
    return new ProviderHealth(provider, null, null, null, 0, false, 0, 0, 0, 0, 0);
  }

  /** How a fetch that reached the page ended. */
  enum Fetch {
    PUBLISHED,
    NOT_MODIFIED,
    UNCHANGED
  }
}
