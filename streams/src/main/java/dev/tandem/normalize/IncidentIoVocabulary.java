package dev.tandem.normalize;

import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import java.util.Locale;

/**
 * incident.io's words for phases and component health, read as Tandem's enums. They are
 * Statuspage's words with three differences: maintenance phases carry a prefix ({@code
 * maintenance_scheduled}, {@code maintenance_in_progress}, {@code maintenance_complete}), the worst
 * component status is {@code full_outage} (Statuspage's {@code major_outage}), and the feeds write
 * them as words ("Degraded performance", "Maintenance in progress").
 */
final class IncidentIoVocabulary {

  private IncidentIoVocabulary() {}

  /** An unknown or missing word is {@code UNKNOWN}: the update is still worth having. */
  static IncidentStatus incidentStatus(String word) {
    String symbol = symbol(word);
    return switch (symbol) {
      case "MAINTENANCE_SCHEDULED" -> IncidentStatus.SCHEDULED;
      case "MAINTENANCE_IN_PROGRESS" -> IncidentStatus.IN_PROGRESS;
      case "MAINTENANCE_COMPLETE", "MAINTENANCE_COMPLETED" -> IncidentStatus.COMPLETED;
      default -> StatuspageVocabulary.incidentStatus(symbol);
    };
  }

  static ComponentStatus componentStatus(String word) {
    String symbol = symbol(word);
    return "FULL_OUTAGE".equals(symbol)
        ? ComponentStatus.MAJOR_OUTAGE
        : StatuspageVocabulary.componentStatus(symbol);
  }

  /**
   * How bad a component status says things are: degraded performance MINOR, partial outage MAJOR,
   * full outage CRITICAL; operational and unknown words say nothing (NONE), so that a word
   * incident.io adds later never raises an impact on its own.
   */
  static Impact impact(String word) {
    ComponentStatus status = componentStatus(word);
    return status == ComponentStatus.UNKNOWN ? Impact.NONE : StatuspageVocabulary.impactOf(status);
  }

  /** Whether a word names a maintenance phase, as opposed to an incident phase. */
  static boolean isMaintenance(String word) {
    return StatuspageVocabulary.isMaintenancePhase(incidentStatus(word));
  }

  /** The more severe of two impacts, maintenance ranking below any real trouble. */
  static Impact worse(Impact a, Impact b) {
    return severity(b) > severity(a) ? b : a;
  }

  private static int severity(Impact impact) {
    return switch (impact) {
      case NONE -> 0;
      case MAINTENANCE -> 1;
      case MINOR -> 2;
      case MAJOR -> 3;
      case CRITICAL -> 4;
    };
  }

  private static String symbol(String word) {
    return word == null
        ? ""
        : word.strip().replace(' ', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
