package dev.tandem.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What correlation needs to know of one tracked incident: who, since when, until when, how bad. A
 * plain value, so the correlation math never touches Kafka or Avro.
 *
 * @param resolvedAt null while the incident is open
 * @param components names of the affected components (evidence for a named upstream)
 */
public record ProviderIncident(
    String provider,
    String incidentId,
    String title,
    Severity severity,
    Instant startedAt,
    Instant resolvedAt,
    List<String> components) {

  public ProviderIncident {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(startedAt, "startedAt");
    title = title == null ? "" : title;
    components = components == null ? List.of() : List.copyOf(components);
  }

  /** provider/incidentId: unique across providers. */
  public String key() {
    return provider + "/" + incidentId;
  }

  /** Only unplanned trouble counts: maintenance and no-impact notices never make an outage. */
  public boolean counts() {
    return severity.countsAsOutage();
  }

  public boolean isOpen() {
    return resolvedAt == null;
  }
}
