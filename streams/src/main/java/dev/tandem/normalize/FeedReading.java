package dev.tandem.normalize;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link FeedStyle} reads from one feed entry.
 *
 * @param status the phase the entry reports
 * @param impact how bad it says things are
 * @param body what the latest update says, as plain text, or null
 * @param components the components it names
 * @param startedAt when the incident started, or null to use the entry's earliest time
 * @param incidentId the incident, or null to use the entry's link or guid ({@link
 *     FeedEntry#incidentId()})
 */
record FeedReading(
    IncidentStatus status,
    Impact impact,
    String body,
    List<AffectedComponent> components,
    Instant startedAt,
    String incidentId) {

  FeedReading {
    components = List.copyOf(components);
  }

  /** A reading of status and impact alone; everything else as the entry says. */
  static FeedReading of(IncidentStatus status, Impact impact, String body) {
    return new FeedReading(status, impact, body, List.of(), null, null);
  }
}
