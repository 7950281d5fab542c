package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A span during which one provider has at least one open incident of impact MINOR or worse.
 * Overlapping incidents of a provider form one episode; its onset is their earliest start. A value
 * (equal when provider, onset, end and incidents are), with its worst severity worked out once:
 * correlation asks for it at every window it counts.
 */
public final class Episode {

  /** Orders episodes by onset, then provider, so every computation over them is deterministic. */
  public static final Comparator<Episode> BY_ONSET =
      Comparator.comparing(Episode::onset).thenComparing(Episode::provider);

  private static final Comparator<ProviderIncident> BY_START =
      Comparator.comparing(ProviderIncident::startedAt).thenComparing(ProviderIncident::incidentId);

  private final String provider;
  private final Instant onset;
  private final Instant end;
  private final List<ProviderIncident> incidents;
  private final Severity severity;

  /** Worked out once: episodes are looked up in maps at every round of correlation. */
  private final int hash;

  /**
   * @param end when the last of its incidents resolved, or null while any is open
   */
  public Episode(String provider, Instant onset, Instant end, List<ProviderIncident> incidents) {
    this.provider = provider;
    this.onset = onset;
    this.end = end;
    this.incidents =
        sorted(incidents) ? List.copyOf(incidents) : incidents.stream().sorted(BY_START).toList();
    Severity worst = Severity.NONE;
    for (ProviderIncident i : this.incidents) {
      worst = i.severity().compareTo(worst) > 0 ? i.severity() : worst;
    }
    this.severity = worst;
    this.hash = Objects.hash(provider, onset, end, this.incidents);
  }

  private static boolean sorted(List<ProviderIncident> incidents) {
    for (int i = 1; i < incidents.size(); i++) {
      if (BY_START.compare(incidents.get(i - 1), incidents.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  public String provider() {
    return provider;
  }

  public Instant onset() {
    return onset;
  }

  /** When the last of its incidents resolved, or null while any is open. */
  public Instant end() {
    return end;
  }

  public List<ProviderIncident> incidents() {
    return incidents;
  }

  /** How far apart two episodes' onsets are. */
  public static Duration distance(Episode a, Episode b) {
    return Duration.between(a.onset(), b.onset()).abs();
  }

  public boolean isOpen() {
    return end == null;
  }

  /** The worst severity among its incidents. */
  public Severity severity() {
    return severity;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Episode e
        && hash == e.hash
        && provider.equals(e.provider)
        && onset.equals(e.onset)
        && Objects.equals(end, e.end)
        && incidents.equals(e.incidents);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Episode["
        + provider
        + " "
        + onset
        + (end == null ? " open" : " to " + end)
        + ", "
        + incidents.size()
        + " incidents]";
  }
}
