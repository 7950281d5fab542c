package dev.tandem.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns successive sets of outages into a lifecycle: OPEN, UPDATED…, RESOLVED, with a version
 * that increments on every change, and retractions for outages that no longer stand.
 */
public final class OutageLedger {

  private OutageLedger() {}

  /**
   * The changes that take the published revisions to the current outages.
   *
   * @param published the last revision of every outage published so far, by id
   * @param current the outages correlation finds now
   * @param knownIncidents keys of the incidents correlation still holds: a published outage none of
   *     whose members is still held has aged out, and is left alone rather than retracted
   */
  public static List<OutageChange> reconcile(
      Map<String, OutageRevision> published, Collection<Outage> current, Set<String> knownIncidents) {
    List<OutageChange> changes = new ArrayList<>();
    Map<String, Outage> byId = current.stream()
        .collect(Collectors.toMap(Outage::id, o -> o, (a, b) -> a, TreeMap::new));
    for (Outage outage : byId.values()) {
      OutageRevision previous = published.get(outage.id());
      if (previous == null) {
        changes.add(new OutageChange.Revised(new OutageRevision(outage,
            outage.isResolved() ? OutageRevision.State.RESOLVED : OutageRevision.State.OPEN, 1)));
      } else if (!previous.outage().equals(outage)) {
        changes.add(new OutageChange.Revised(new OutageRevision(outage,
            outage.isResolved() ? OutageRevision.State.RESOLVED : OutageRevision.State.UPDATED, previous.version() + 1)));
      }
    }
    for (OutageRevision previous : new TreeMap<>(published).values()) {
      if (byId.containsKey(previous.id())) {
        continue;
      }
      boolean stillHeld = previous.outage().members().stream().anyMatch(m -> knownIncidents.contains(m.key()));
      if (stillHeld) {
        changes.add(new OutageChange.Retracted(previous.id(), retractionReason(previous.outage(), byId.values())));
      }
    }
    return changes;
  }

  private static String retractionReason(Outage gone, Collection<Outage> current) {
    for (Outage outage : current) {
      boolean shares = outage.members().stream().anyMatch(m -> gone.members().contains(m));
      if (shares) {
        return "superseded by " + outage.id();
      }
    }
    return "its members no longer make an outage";
  }
}
