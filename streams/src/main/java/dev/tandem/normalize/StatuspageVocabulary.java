package dev.tandem.normalize;

import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Statuspage's words (lower-case snake_case: {@code in_progress}, {@code major_outage}) for
 * incident phases, impacts and component health, read as Tandem's enums. Vendor words we do not
 * know are not an error: Statuspage adds words now and then, and the update is still worth having.
 */
final class StatuspageVocabulary {

  /** Phases of a scheduled maintenance, as opposed to an incident. */
  private static final Set<IncidentStatus> MAINTENANCE_PHASES =
      EnumSet.of(
          IncidentStatus.SCHEDULED,
          IncidentStatus.IN_PROGRESS,
          IncidentStatus.VERIFYING,
          IncidentStatus.COMPLETED);

  /** Phases after which an incident or maintenance no longer affects anything. */
  private static final Set<IncidentStatus> CLOSED_PHASES =
      EnumSet.of(IncidentStatus.RESOLVED, IncidentStatus.POSTMORTEM, IncidentStatus.COMPLETED);

  private StatuspageVocabulary() {}

  /**
   * An unknown or missing phase word is {@code UNKNOWN}, as Avro readers treat symbols added later.
   */
  static IncidentStatus incidentStatus(String word) {
    return EnumSymbols.lookup(IncidentStatus.class, word).orElse(IncidentStatus.UNKNOWN);
  }

  /** An unknown or missing impact word is {@code NONE}, the same default Avro readers apply. */
  static Impact impact(String word) {
    return EnumSymbols.lookup(Impact.class, word).orElse(Impact.NONE);
  }

  static ComponentStatus componentStatus(String word) {
    return EnumSymbols.lookup(ComponentStatus.class, word).orElse(ComponentStatus.UNKNOWN);
  }

  static boolean isMaintenancePhase(IncidentStatus status) {
    return MAINTENANCE_PHASES.contains(status);
  }

  static boolean isClosed(IncidentStatus status) {
    return CLOSED_PHASES.contains(status);
  }

  /**
   * How bad a component's own status says things are, for incidents made from component statuses.
   */
  static Impact impactOf(ComponentStatus status) {
    return switch (status) {
      case OPERATIONAL -> Impact.NONE;
      case DEGRADED_PERFORMANCE -> Impact.MINOR;
      case PARTIAL_OUTAGE -> Impact.MAJOR;
      case MAJOR_OUTAGE -> Impact.CRITICAL;
      case UNDER_MAINTENANCE -> Impact.MAINTENANCE;
      // Not operational, but we cannot tell how badly: the mildest impact that still counts.
      case UNKNOWN -> Impact.MINOR;
    };
  }

  /** The phase a component's status puts its synthetic incident in. */
  static IncidentStatus phaseOf(ComponentStatus status) {
    return switch (status) {
      case OPERATIONAL -> IncidentStatus.RESOLVED;
      case UNDER_MAINTENANCE -> IncidentStatus.IN_PROGRESS;
      default -> IncidentStatus.INVESTIGATING;
    };
  }

  /** A status word as a title shows it: {@code partial_outage} reads "partial outage". */
  static String words(String word) {
    return word == null
        ? "status unknown"
        : word.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
