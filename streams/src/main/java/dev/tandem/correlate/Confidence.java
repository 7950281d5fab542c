package dev.tandem.correlate;

/**
 * How sure Tandem is that an outage's members fail for a common reason: Bayes' rule over two
 * explanations of onsets this close together, a common cause or coincidence. Members of a common
 * outage start close together almost surely, independent ones with the coincidence probability p,
 * so the evidence multiplies the prior odds by 1/p: {@code confidence = (π/p) / (π/p + 1 - π)}.
 *
 * <p>Two routes lead to an outage, and each has its p and its prior:
 *
 * <ul>
 *   <li><b>Evidence</b>: the incidents say who depends on whom (a declared dependency, a component
 *       declared to run on another provider, an incident naming an upstream, members sharing an
 *       upstream). The hypothesis "these providers fail together" was stated before looking, so p
 *       is the chance that these very providers start this close together ({@link
 *       CoincidenceModel}), whatever the number of providers watched. The prior is how plausible a
 *       common cause is given what the incidents say: deliberate round numbers, not fitted to
 *       scenarios. A reporting upstream of the others makes a common cause as likely as not (0.5);
 *       a silent upstream that three members share, 0.2; members blaming "a third-party provider",
 *       0.05; members merely sharing an upstream, 0.02. Outages whose members all report only minor
 *       impact halve it: minor incidents are common and often local.
 *   <li><b>Burst</b>: no evidence, only timing. p is the chance that the background of every
 *       provider watched makes a burst this strong somewhere within a week ({@code 1 - e^(-R·1
 *       week)}, R from {@link ScanStatistic}), and the prior is set by the false-alarm budget: a
 *       burst exactly at the budget reads {@value #AT_BUDGET}. Evidence that does not link the
 *       members (a "third-party provider" blamed) raises the prior's odds as above.
 * </ul>
 */
final class Confidence {

  static final double REPORTING_UPSTREAM_PRIOR = 0.5;
  static final double SILENT_UPSTREAM_PRIOR = 0.2;
  static final double UNNAMED_UPSTREAM_PRIOR = 0.05;
  static final double SHARED_UPSTREAM_PRIOR = 0.02;
  static final double MINOR_ONLY_FACTOR = 0.5;

  /** The confidence of a burst exactly as rare as the false-alarm budget allows. */
  static final double AT_BUDGET = 0.9;

  private Confidence() {}

  /** The evidence route's prior, from what the incidents say about upstreams. */
  static double prior(OutageCluster cluster, Cause cause) {
    double prior;
    if (cause.provider() != null) {
      prior = cause.reporting() ? REPORTING_UPSTREAM_PRIOR : SILENT_UPSTREAM_PRIOR;
    } else if (blamesUnnamedUpstream(cluster)) {
      prior = UNNAMED_UPSTREAM_PRIOR;
    } else {
      prior = SHARED_UPSTREAM_PRIOR;
    }
    boolean severe =
        cluster.episodes().stream().anyMatch(e -> e.severity().compareTo(Severity.MAJOR) >= 0);
    return severe ? prior : prior * MINOR_ONLY_FACTOR;
  }

  static boolean blamesUnnamedUpstream(OutageCluster cluster) {
    return cluster.incidents().stream().anyMatch(DependencyGraph::blamesUnnamedUpstream);
  }

  /** The chance of a burst at least this strong within one week of background. */
  static double burstCoincidence(double chancePerWeek) {
    return -Math.expm1(-chancePerWeek);
  }

  /** The burst route's confidence. */
  static double ofBurst(double chancePerWeek, double budgetPerWeek, boolean blamesUnnamedUpstream) {
    double atBudget = burstCoincidence(budgetPerWeek);
    // The prior that puts a burst exactly at the budget at AT_BUDGET (solve of(π, p) = c for π).
    double prior = AT_BUDGET * atBudget / (1 - AT_BUDGET + AT_BUDGET * atBudget);
    if (blamesUnnamedUpstream) {
      double odds =
          prior
              / (1 - prior)
              * (UNNAMED_UPSTREAM_PRIOR / (1 - UNNAMED_UPSTREAM_PRIOR))
              / (SHARED_UPSTREAM_PRIOR / (1 - SHARED_UPSTREAM_PRIOR));
      prior = odds / (1 + odds);
    }
    return of(prior, burstCoincidence(chancePerWeek));
  }

  /**
   * The posterior probability of a common cause, given the prior and the coincidence probability.
   */
  static double of(double prior, double coincidence) {
    if (coincidence <= 0) {
      return 1.0;
    }
    double odds = prior / coincidence;
    return odds / (odds + 1 - prior);
  }
}
