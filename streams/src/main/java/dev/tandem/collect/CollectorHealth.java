package dev.tandem.collect;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-provider counters of the collector and its "unreachable" flag: set after a number of
 * consecutive failed fetches, cleared by the next success, each change logged once.
 */
public final class CollectorHealth {

  private static final Logger log = LoggerFactory.getLogger(CollectorHealth.class);

  private final Map<String, ProviderHealth> providers = new ConcurrentHashMap<>();
  private final Set<String> wasUnreachable = ConcurrentHashMap.newKeySet();
  private final int unreachableAfter;
  private final Clock clock;

  /** @param unreachableAfter consecutive failures after which a page counts as unreachable */
  public CollectorHealth(int unreachableAfter, Clock clock) {
    if (unreachableAfter < 1) {
      throw new IllegalArgumentException("unreachableAfter must be at least 1");
    }
    this.unreachableAfter = unreachableAfter;
    this.clock = clock;
  }

  public ProviderHealth of(String provider) {
    return providers.getOrDefault(provider, empty(provider));
  }

  public List<ProviderHealth> all() {
    return providers.values().stream().sorted(Comparator.comparing(ProviderHealth::provider)).toList();
  }

  public List<String> unreachable() {
    return all().stream().filter(ProviderHealth::unreachable).map(ProviderHealth::provider).toList();
  }

  void fetched(String provider, Fetch fetch) {
    providers.compute(provider, (id, h) -> {
      h = h == null ? empty(id) : h;
      return new ProviderHealth(id, clock.instant(), h.lastFailure(), null, 0, false, h.fetches() + 1,
          h.published() + (fetch == Fetch.PUBLISHED ? 1 : 0),
          h.notModified() + (fetch == Fetch.NOT_MODIFIED ? 1 : 0),
          h.unchanged() + (fetch == Fetch.UNCHANGED ? 1 : 0),
          h.failures());
    });
    if (wasUnreachable.remove(provider)) {
      log.info("{} status page is reachable again", provider);
    }
  }

  void failed(String provider, String reason) {
    ProviderHealth after = providers.compute(provider, (id, h) -> {
      h = h == null ? empty(id) : h;
      int failures = h.consecutiveFailures() + 1;
      return new ProviderHealth(id, h.lastSuccess(), clock.instant(), reason, failures, failures >= unreachableAfter,
          h.fetches() + 1, h.published(), h.notModified(), h.unchanged(), h.failures() + 1);
    });
    if (after.unreachable() && wasUnreachable.add(provider)) {
      // Logged once per spell, as a collector problem: the normalizer never sees it as an outage.
      log.warn("{} status page unreachable after {} failed fetches (not an outage of {}): {}",
          provider, after.consecutiveFailures(), provider, reason);
    } else {
      log.debug("{} fetch failed ({} in a row): {}", provider, after.consecutiveFailures(), reason);
    }
  }

  private static ProviderHealth empty(String provider) {
    return new ProviderHealth(provider, null, null, null, 0, false, 0, 0, 0, 0, 0);
  }

  /** How a fetch that reached the page ended. */
  enum Fetch { PUBLISHED, NOT_MODIFIED, UNCHANGED }
}
