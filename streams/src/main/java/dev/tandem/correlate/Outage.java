package dev.tandem.correlate;

import java.time.Instant;
import java.util.List;

/**
 * A correlated outage as correlation sees it: several providers failing together, scored and
 * explained. Its lifecycle (state, version) is kept by {@link OutageLedger}.
 *
 * @param id derived from the earliest member incident ({@link Correlator#idOf})
 * @param resolvedAt when the last member resolved, or null while any is open
 */
public record Outage(
    String id,
    List<String> providers,
    List<Member> members,
    Instant firstOnset,
    Instant lastOnset,
    Instant resolvedAt,
    double confidence,
    double coincidenceProbability,
    Cause cause,
    List<String> explanation) {

  public Outage {
    providers = List.copyOf(providers);
    members = List.copyOf(members);
    explanation = List.copyOf(explanation);
  }

  /** One provider incident in the outage, as published. */
  public record Member(
      String provider,
      String incidentId,
      String title,
      Severity severity,
      Instant startedAt,
      Instant resolvedAt) {

    static Member of(ProviderIncident incident) {
      return new Member(
          incident.provider(),
          incident.incidentId(),
          incident.title(),
          incident.severity(),
          incident.startedAt(),
          incident.resolvedAt());
    }

    /** provider/incidentId, as {@link ProviderIncident#key()}. */
    public String key() {
      return provider + "/" + incidentId;
    }
  }

  /** The same outage under another id (the one it was first published under). */
  public Outage withId(String newId) {
    return newId.equals(id)
        ? this
        : new Outage(
            newId,
            providers,
            members,
            firstOnset,
            lastOnset,
            resolvedAt,
            confidence,
            coincidenceProbability,
            cause,
            explanation);
  }

  public boolean isResolved() {
    return resolvedAt != null;
  }
}
