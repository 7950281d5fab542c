package dev.tandem.correlate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A span during which one provider has at least one open incident of impact MINOR or worse.
 * Overlapping incidents of a provider form one episode; its onset is their earliest start.
 *
 * @param end when the last of its incidents resolved, or null while any is open
 */
public record Episode(String provider, Instant onset, Instant end, List<ProviderIncident> incidents) {

  /** Orders episodes by onset, then provider, so every computation over them is deterministic. */
  public static final Comparator<Episode> BY_ONSET =
      Comparator.comparing(Episode::onset).thenComparing(Episode::provider);

  public Episode {
    incidents = incidents.stream()
        .sorted(Comparator.comparing(ProviderIncident::startedAt).thenComparing(ProviderIncident::incidentId))
        .toList();
  }

  public boolean isOpen() {
    return end == null;
  }

  /** The worst severity among its incidents. */
  public Severity severity() {
    return incidents.stream().map(ProviderIncident::severity).max(Comparator.naturalOrder()).orElse(Severity.NONE);
  }
}
