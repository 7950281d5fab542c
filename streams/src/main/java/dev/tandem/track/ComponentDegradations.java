package dev.tandem.track;

import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.normalize.ComponentIncidents;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Splits a Statuspage component's status changes into degradations, each its own incident. The
 * normalizer can only say which component an update is about ({@code component:<id>}): one document
 * shows a status, not since when the component has been failing. Here, a component that turns
 * non-operational while no degradation of it is open opens one, named after the vendor time of that
 * first status Tandem saw ({@code component:<id>@<time>}); later statuses join it, and an
 * operational status at or after its latest one ends it. A component that recovers and degrades
 * again so starts a new incident, while polls of the same degradation, and a restart (the store is
 * changelogged), keep its id. A provider's updates arrive in one partition, in the order it
 * published them, so a replay assigns the same ids.
 */
final class ComponentDegradations {

  /** provider/component:&lt;id&gt; → the component's latest degradation. */
  static final String STORE = "track-component-degradations";

  private final KeyValueStore<String, String> store;

  ComponentDegradations(KeyValueStore<String, String> store) {
    this.store = store;
  }

  static boolean isComponentStatus(StatusUpdate update) {
    return update.getIncidentId().startsWith(ComponentIncidents.INCIDENT_ID_PREFIX);
  }

  /**
   * The update as part of the degradation it belongs to (its incident id replaced by the
   * degradation's), or empty for an operational status that ends no degradation: a component that
   * was simply operational was never an incident.
   */
  Optional<StatusUpdate> assign(StatusUpdate update) {
    String key = update.getProvider() + "/" + update.getIncidentId();
    Degradation latest = Degradation.read(store.get(key));
    Instant at = update.getUpdatedAt();
    boolean operational = update.getStatus() == IncidentStatus.RESOLVED;
    if (operational) {
      if (latest == null) {
        return Optional.empty();
      }
      if (latest.open() && !at.isBefore(latest.lastAt())) {
        store.put(key, new Degradation(latest.id(), false, at).write());
      }
      // Also a stale or repeated operational status: it cannot reopen or reclose anything.
      return Optional.of(renamed(update, latest.id()));
    }
    if (latest != null && (latest.open() || at.isBefore(latest.lastAt()))) {
      // Still failing, or a late status from before the last recovery: that same degradation.
      if (latest.open() && at.isAfter(latest.lastAt())) {
        store.put(key, new Degradation(latest.id(), true, at).write());
      }
      return Optional.of(renamed(update, latest.id()));
    }
    String id = update.getIncidentId() + "@" + at;
    store.put(key, new Degradation(id, true, at).write());
    return Optional.of(renamed(update, id));
  }

  private static StatusUpdate renamed(StatusUpdate update, String incidentId) {
    return StatusUpdate.newBuilder(update).setIncidentId(incidentId).build();
  }

  /**
   * @param id the degradation's incident id
   * @param open whether no operational status has ended it yet
   * @param lastAt the vendor time of its latest non-operational status, or of the status that ended
   *     it
   */
  private record Degradation(String id, boolean open, Instant lastAt) {

    static Degradation read(String stored) {
      if (stored == null) {
        return null;
      }
      // "open|<time>|<id>": the id last, since a component id is the vendor's text.
      String[] parts = stored.split("\\|", 3);
      return new Degradation(parts[2], parts[0].equals("open"), Instant.parse(parts[1]));
    }

    String write() {
      return (open ? "open" : "ended") + "|" + lastAt + "|" + id;
    }
  }
}
