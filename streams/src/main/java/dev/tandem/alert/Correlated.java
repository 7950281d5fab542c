package dev.tandem.alert;

import dev.tandem.contract.CorrelatedOutage;

/**
 * What the correlate stage makes of an incident: outage changes, or the incident itself refused as
 * too late.
 */
public sealed interface Correlated {

  /** An outage change; a null outage is a retraction (a tombstone on the compacted topic). */
  record Change(CorrelatedOutage outage) implements Correlated {}

  /**
   * An incident too old to correlate, as JSON for the dead-letter topic; the reason travels in its
   * headers.
   */
  record TooLate(byte[] incidentJson) implements Correlated {}
}
