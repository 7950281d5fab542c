package dev.tandem.simulate;

import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws everything about one incident but its provider and onset: title, severity, how long it
 * lasts, when it is identified and mitigated, and how late each update reaches a collector.
 * Background and planted incidents come from the same shapes, so only their timing can tell them
 * apart.
 */
final class IncidentShapes {

  /**
   * Incidents last 20 minutes to 4 hours, log-uniform: most status-page incidents fall in that
   * range.
   */
  static final Duration SHORTEST = Duration.ofMinutes(20);

  static final Duration LONGEST = Duration.ofHours(4);

  /**
   * A collector sees an update 1 to 10 minutes after it is posted (polling interval plus the page's
   * own caching).
   */
  static final Duration MIN_POSTING_LAG = Duration.ofMinutes(1);

  static final Duration MAX_POSTING_LAG = Duration.ofMinutes(10);

  // Phases as fractions of the incident's length: identified early, mitigated past the middle.
  private static final double IDENTIFIED_FROM = 0.10;
  private static final double IDENTIFIED_TO = 0.30;
  private static final double MONITORING_FROM = 0.50;
  private static final double MONITORING_TO = 0.80;

  // Neutral on purpose: no title names another provider, an upstream's alias or "a third-party
  // provider", any of which correlation would take as evidence of a dependency.
  static final List<String> TITLES =
      List.of(
          "Elevated errors",
          "Elevated error rates for some requests",
          "Degraded performance",
          "Increased latency",
          "Intermittent failures",
          "Partial service disruption",
          "Some users unable to sign in",
          "Delays in processing",
          "Elevated API error rates",
          "Service unavailable for some users");

  private static final String INVESTIGATING = "We are investigating reports of this issue.";
  private static final String IDENTIFIED =
      "The issue has been identified and a fix is being implemented.";
  private static final String MONITORING =
      "A fix has been implemented and we are monitoring the results.";
  private static final String RESOLVED = "This incident has been resolved.";

  private final LogUniform lengthSeconds =
      new LogUniform(SHORTEST.toSeconds(), LONGEST.toSeconds());
  private final SeverityMix severityMix;
  private final SplittableRandom random;

  IncidentShapes(SeverityMix severityMix, SplittableRandom random) {
    this.severityMix = severityMix;
    this.random = random;
  }

  /**
   * An incident of {@code provider} starting at {@code onset}, whole seconds like a status page's
   * times.
   */
  SimulatedIncident draw(String provider, String incidentId, Instant onset) {
    String title = TITLES.get(random.nextInt(TITLES.size()));
    Impact impact = severityMix.draw(random);
    long length = Math.round(lengthSeconds.draw(random));
    long identified = (long) (length * between(IDENTIFIED_FROM, IDENTIFIED_TO));
    long monitoring = (long) (length * between(MONITORING_FROM, MONITORING_TO));
    return new SimulatedIncident(
        provider,
        incidentId,
        title,
        impact,
        List.of(
            update(incidentId, 1, IncidentStatus.INVESTIGATING, INVESTIGATING, onset),
            update(
                incidentId,
                2,
                IncidentStatus.IDENTIFIED,
                IDENTIFIED,
                onset.plusSeconds(identified)),
            update(
                incidentId,
                3,
                IncidentStatus.MONITORING,
                MONITORING,
                onset.plusSeconds(monitoring)),
            update(incidentId, 4, IncidentStatus.RESOLVED, RESOLVED, onset.plusSeconds(length))));
  }

  private SimulatedUpdate update(
      String incidentId, int number, IncidentStatus status, String body, Instant updatedAt) {
    long lag = random.nextLong(MIN_POSTING_LAG.toMillis(), MAX_POSTING_LAG.toMillis() + 1);
    return new SimulatedUpdate(
        incidentId + "-u" + number, status, body, updatedAt, updatedAt.plusMillis(lag));
  }

  private double between(double from, double to) {
    return from + random.nextDouble() * (to - from);
  }
}
