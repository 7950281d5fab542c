package dev.tandem.track;

import dev.tandem.contract.IncidentStatus;

/**
 * How far along an incident is, as a number: INVESTIGATING 1 … RESOLVED 4, POSTMORTEM 5.
 * Maintenance statuses map onto the same scale (SCHEDULED 1 … COMPLETED 4).
 */
final class Phase {

  static final int IDENTIFIED = 2;
  static final int MONITORING = 3;
  static final int RESOLVED = 4;

  private Phase() {}

  static int rank(IncidentStatus status) {
    return switch (status) {
      case UNKNOWN -> 0;
      case INVESTIGATING, SCHEDULED -> 1;
      case IDENTIFIED, IN_PROGRESS -> 2;
      case MONITORING, VERIFYING -> 3;
      case RESOLVED, COMPLETED -> 4;
      case POSTMORTEM -> 5;
    };
  }
}
