package dev.tandem.evaluate;

import dev.tandem.contract.Incident;
import dev.tandem.correlate.OutageRevision;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline published for one replayed scenario: every outage change in order, the final
 * state of every incident, and when each incident's vendor first said anything.
 *
 * @param outageChanges every record of {@code tandem.outages}, in the order published
 * @param incidents the last value of each key of {@code tandem.incidents}
 * @param firstUpdates provider/incidentId → vendor time of the incident's earliest update
 * @param deadLetters how many raw records the pipeline could not read
 */
public record ReplayOutcome(
    List<PublishedChange> outageChanges,
    Map<String, Incident> incidents,
    Map<String, Instant> firstUpdates,
    int deadLetters) {

  public ReplayOutcome {
    outageChanges = List.copyOf(outageChanges);
    Map<String, Incident> standing = new LinkedHashMap<>(incidents);
    standing.values().removeIf(Objects::isNull);
    incidents = Map.copyOf(standing);
    firstUpdates = Map.copyOf(firstUpdates);
  }

  /**
   * One outage change as published.
   *
   * @param revision null for a retraction (tombstone)
   * @param time the record's event time: the pipeline's latest incident time when the change
   *     happened
   */
  public record PublishedChange(String id, OutageRevision revision, Instant time) {}

  /**
   * The last revision of every outage that still stands once retractions and merges are applied, by
   * id in order of first appearance.
   */
  public Map<String, OutageRevision> finalOutages() {
    Map<String, OutageRevision> live = new LinkedHashMap<>();
    for (PublishedChange change : outageChanges) {
      if (change.revision() == null || change.revision().state() == OutageRevision.State.MERGED) {
        live.remove(change.id());
      } else {
        live.put(change.id(), change.revision());
      }
    }
    return live;
  }
}
