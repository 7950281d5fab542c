package dev.tandem.correlate;

/**
 * How sure Tandem is that an outage's members fail for a common reason: Bayes' rule over two
 * explanations of onsets this close together, a common cause or coincidence. Members of a common
 * outage start within the window almost surely, independent ones with the coincidence probability
 * p, so the evidence multiplies the prior odds by 1/p:
 * {@code confidence = (π/p) / (π/p + 1 - π)}.
 *
 * <p>The prior π is how plausible a common cause is before looking at the timing, raised by what
 * the incidents say about upstreams. The values are deliberate round numbers, not fitted to the
 * scenarios: a reporting upstream of the others makes a common cause as likely as not (0.5); a
 * silent upstream that three members share, 0.2; members blaming "a third-party provider", 0.05;
 * no evidence at all, the configured base ({@link CorrelationSettings#linkPrior()}, 0.02). Outages
 * whose members all report only minor impact halve it: minor incidents are common and often local.
 */
final class Confidence {

  static final double REPORTING_UPSTREAM_PRIOR = 0.5;
  static final double SILENT_UPSTREAM_PRIOR = 0.2;
  static final double UNNAMED_UPSTREAM_PRIOR = 0.05;
  static final double MINOR_ONLY_FACTOR = 0.5;

  private Confidence() {}

  static double prior(CorrelationSettings settings, OutageCluster cluster, Cause cause) {
    double prior;
    if (cause.provider() != null) {
      prior = cause.reporting() ? REPORTING_UPSTREAM_PRIOR : SILENT_UPSTREAM_PRIOR;
    } else if (cluster.incidents().stream().anyMatch(DependencyGraph::blamesUnnamedUpstream)) {
      prior = Math.max(UNNAMED_UPSTREAM_PRIOR, settings.linkPrior());
    } else {
      prior = settings.linkPrior();
    }
    boolean severe = cluster.episodes().stream().anyMatch(e -> e.severity().compareTo(Severity.MAJOR) >= 0);
    return severe ? prior : prior * MINOR_ONLY_FACTOR;
  }

  /** The posterior probability of a common cause, given the prior and the coincidence probability. */
  static double of(double prior, double coincidence) {
    if (coincidence <= 0) {
      return 1.0;
    }
    double odds = prior / coincidence;
    return odds / (odds + 1 - prior);
  }
}
