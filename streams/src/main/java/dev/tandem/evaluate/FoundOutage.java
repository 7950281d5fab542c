package dev.tandem.evaluate;

import dev.tandem.correlate.Outage;
import dev.tandem.correlate.OutageRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An outage that stands at the end of a replay, with when Tandem first alerted on it and when it
 * first could have: the moment a second provider of the outage had said anything.
 *
 * @param suspectedCause the suspected cause's provider (reporting or not), or null
 * @param finalState OPEN, UPDATED or RESOLVED
 * @param detectedAt event time of the first published change that held member incidents of two or
 *     more of its providers, under any id (an alert superseded by this one still detected it)
 * @param secondProviderFirstUpdate the second-earliest, over its providers, of each provider's
 *     earliest update time of its member incidents; null for fewer than two providers
 */
public record FoundOutage(
    String id,
    List<String> providers,
    String suspectedCause,
    String finalState,
    double confidence,
    Instant detectedAt,
    Instant secondProviderFirstUpdate) {

  public FoundOutage {
    providers = List.copyOf(providers);
  }

  /**
   * How long after a second provider first spoke Tandem alerted, in event time; null when unknown.
   */
  public Duration detectionDelay() {
    return detectedAt == null || secondProviderFirstUpdate == null
        ? null
        : Duration.between(secondProviderFirstUpdate, detectedAt);
  }

  /** The outages standing at the end of a replay, in order of first appearance. */
  public static List<FoundOutage> allIn(ReplayOutcome outcome) {
    List<FoundOutage> found = new ArrayList<>();
    for (OutageRevision revision : outcome.finalOutages().values()) {
      Outage o = revision.outage();
      found.add(
          new FoundOutage(
              o.id(),
              o.providers(),
              o.cause().provider(),
              revision.state().name(),
              o.confidence(),
              detectedAt(o, outcome.outageChanges()),
              secondProviderFirstUpdate(o, outcome.firstUpdates())));
    }
    return found;
  }

  static Instant detectedAt(Outage outage, List<ReplayOutcome.PublishedChange> changes) {
    Set<String> members = new HashSet<>();
    outage.members().forEach(m -> members.add(m.key()));
    Instant earliest = null;
    for (ReplayOutcome.PublishedChange change : changes) {
      if (change.revision() == null) {
        continue;
      }
      Set<String> sharedProviders = new HashSet<>();
      change.revision().outage().members().stream()
          .filter(m -> members.contains(m.key()))
          .forEach(m -> sharedProviders.add(m.provider()));
      if (sharedProviders.size() >= 2 && (earliest == null || change.time().isBefore(earliest))) {
        earliest = change.time();
      }
    }
    return earliest;
  }

  /** A member whose updates were never seen (cannot happen in a replay) counts from its start. */
  static Instant secondProviderFirstUpdate(Outage outage, Map<String, Instant> firstUpdates) {
    Map<String, Instant> byProvider = new TreeMap<>();
    for (Outage.Member m : outage.members()) {
      Instant first = firstUpdates.getOrDefault(m.key(), m.startedAt());
      byProvider.merge(m.provider(), first, (a, b) -> a.isBefore(b) ? a : b);
    }
    List<Instant> times = byProvider.values().stream().sorted().toList();
    return times.size() < 2 ? null : times.get(1);
  }
}
