package dev.tandem.notify;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.OutageMember;
import dev.tandem.contract.OutageState;
import dev.tandem.contract.SuspectedCause;
import java.time.Instant;
import java.util.List;

/** Outage changes as the pipeline publishes them, for the tests of notifications. */
final class Outages {

  static final Instant ONSET = Instant.parse("2021-06-08T09:58:00Z");
  static final Instant RESOLVED = Instant.parse("2021-06-08T12:44:00Z");

  private Outages() {}

  /** fastly's outage: amazon, fastly, github, cause fastly (reporting), confidence 0.97. */
  static CorrelatedOutage fastly(OutageState state, int version) {
    return outage(
        "fastly-cfdcefd7c4e1", state, version, 0.97, "fastly", "amazon", "fastly", "github");
  }

  static CorrelatedOutage outage(
      String id,
      OutageState state,
      int version,
      double confidence,
      String cause,
      String... providers) {
    boolean ended = state == OutageState.RESOLVED;
    return CorrelatedOutage.newBuilder()
        .setId(id)
        .setState(state)
        .setVersion(version)
        .setProviders(List.of(providers))
        .setMembers(
            java.util.Arrays.stream(providers)
                .map(
                    p ->
                        OutageMember.newBuilder()
                            .setProvider(p)
                            .setIncidentId(p + "-1")
                            .setTitle("Elevated errors <at> " + p)
                            .setImpact(p.equals(cause) ? Impact.CRITICAL : Impact.MAJOR)
                            .setStartedAt(ONSET)
                            .setResolvedAt(ended ? RESOLVED : null)
                            .build())
                .toList())
        .setFirstOnset(ONSET)
        .setLastOnset(ONSET.plusSeconds(240))
        .setResolvedAt(ended ? RESOLVED : null)
        .setConfidence(confidence)
        .setCoincidenceProbability(0.001)
        .setSuspectedCause(
            SuspectedCause.newBuilder()
                .setProvider(cause)
                .setReporting(true)
                .setReason(cause + " is an upstream of the others")
                .build())
        .setExplanation(List.of("three providers started within 4 minutes"))
        .setMergedInto(null)
        .build();
  }

  static OutageNotice notice(CorrelatedOutage outage) {
    return new OutageNotice(outage.getId(), outage);
  }
}
