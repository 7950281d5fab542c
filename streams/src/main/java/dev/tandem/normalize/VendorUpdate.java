package dev.tandem.normalize;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One vendor update of an incident, read and checked, waiting to be stamped with the payload's
 * provenance and its incident's fields. Statuspage and incident.io incidents both read into these.
 */
record VendorUpdate(
    String updateId,
    IncidentStatus status,
    Instant updatedAt,
    String body,
    List<AffectedComponent> components) {

  /** The StatusUpdates of one incident: its id, title, impact and start on each of its updates. */
  static List<StatusUpdate> of(
      Provenance provenance,
      String incidentId,
      String title,
      Impact impact,
      Instant startedAt,
      List<VendorUpdate> updates) {
    List<StatusUpdate> result = new ArrayList<>(updates.size());
    for (VendorUpdate update : updates) {
      result.add(
          provenance
              .newUpdate()
              .setIncidentId(incidentId)
              .setUpdateId(update.updateId())
              .setTitle(title)
              .setStatus(update.status())
              .setImpact(impact)
              .setComponents(update.components())
              .setBody(update.body())
              .setStartedAt(startedAt)
              .setUpdatedAt(update.updatedAt())
              .build());
    }
    return result;
  }
}
