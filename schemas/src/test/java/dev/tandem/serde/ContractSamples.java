package dev.tandem.serde;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.OutageMember;
import dev.tandem.contract.OutageState;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.contract.SuspectedCause;
import java.time.Instant;
import java.util.List;

/**
 * Realistic contract values with every kind of field filled in: nested records, enums, nulls and
 * timestamps.
 */
final class ContractSamples {

  static final Instant STARTED = Instant.parse("2025-11-18T11:20:00.123Z");
  static final Instant UPDATED = Instant.parse("2025-11-18T11:48:31.007Z");
  static final Instant RESOLVED = Instant.parse("2025-11-18T14:42:00Z");

  private ContractSamples() {}

  static StatusUpdate statusUpdate() {
    return StatusUpdate.newBuilder()
        .setProvider("cloudflare")
        .setIncidentId("lwl9sbdmlbdq")
        .setUpdateId("7vqw0f1k2nmb")
        .setTitle("Widespread 500 errors, Cloudflare Dashboard and API also failing")
        .setStatus(IncidentStatus.IDENTIFIED)
        .setImpact(Impact.CRITICAL)
        .setComponents(
            List.of(
                new AffectedComponent("cdn", "Edge/CDN", ComponentStatus.MAJOR_OUTAGE),
                new AffectedComponent(null, "API", ComponentStatus.DEGRADED_PERFORMANCE)))
        .setBody("The issue has been identified and a fix is being implemented. Ünïcödé ✓")
        .setStartedAt(STARTED)
        .setUpdatedAt(UPDATED)
        .setSource(null)
        .setFormat("statuspage")
        .build();
  }

  static Incident incident() {
    return Incident.newBuilder()
        .setProvider("openai")
        .setIncidentId("01JD8Z")
        .setTitle("Elevated error rates")
        .setStatus(IncidentStatus.RESOLVED)
        .setImpact(Impact.MAJOR)
        .setComponents(List.of(new AffectedComponent("api", "API", ComponentStatus.PARTIAL_OUTAGE)))
        .setStartedAt(STARTED)
        .setIdentifiedAt(UPDATED)
        .setMonitoringAt(null)
        .setResolvedAt(RESOLVED)
        .setUpdateCount(4)
        .setLastUpdatedAt(RESOLVED)
        .setTimeToIdentifyMillis(UPDATED.toEpochMilli() - STARTED.toEpochMilli())
        .setTimeToMitigateMillis(null)
        .setTimeToResolveMillis(RESOLVED.toEpochMilli() - STARTED.toEpochMilli())
        .build();
  }

  static CorrelatedOutage correlatedOutage() {
    return CorrelatedOutage.newBuilder()
        .setId("outage-2025-11-18-cloudflare")
        .setState(OutageState.OPEN)
        .setVersion(3)
        .setProviders(List.of("cloudflare", "openai"))
        .setMembers(
            List.of(
                new OutageMember(
                    "cloudflare",
                    "lwl9sbdmlbdq",
                    "Widespread 500 errors",
                    Impact.CRITICAL,
                    STARTED,
                    RESOLVED),
                new OutageMember(
                    "openai", "01JD8Z", "Elevated error rates", Impact.MAJOR, UPDATED, null)))
        .setFirstOnset(STARTED)
        .setLastOnset(UPDATED)
        .setResolvedAt(null)
        .setConfidence(0.93)
        .setCoincidenceProbability(1.2e-5)
        .setSuspectedCause(new SuspectedCause("cloudflare", true, "declared upstream of openai"))
        .setExplanation(List.of("cloudflare started first", "openai depends on cloudflare"))
        .build();
  }
}
