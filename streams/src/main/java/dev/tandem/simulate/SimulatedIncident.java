package dev.tandem.simulate;

import dev.tandem.contract.Impact;
import java.time.Instant;
import java.util.List;

/**
 * One incident of one simulated provider, background or planted (nothing in it says which): its
 * updates in event order, INVESTIGATING at the onset through RESOLVED.
 */
public record SimulatedIncident(
    String provider,
    String incidentId,
    String title,
    Impact impact,
    List<SimulatedUpdate> updates) {

  public SimulatedIncident {
    updates = List.copyOf(updates);
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("an incident has at least one update");
    }
  }

  /** When it started: its first update, which every update gives as {@code startedAt}. */
  public Instant onset() {
    return updates.get(0).updatedAt();
  }

  public Instant resolvedAt() {
    return updates.get(updates.size() - 1).updatedAt();
  }
}
