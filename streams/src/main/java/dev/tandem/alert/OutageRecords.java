package dev.tandem.alert;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.OutageMember;
import dev.tandem.contract.OutageState;
import dev.tandem.contract.SuspectedCause;
import dev.tandem.correlate.Cause;
import dev.tandem.correlate.Outage;
import dev.tandem.correlate.OutageRevision;
import dev.tandem.correlate.ProviderIncident;
import dev.tandem.correlate.Severity;

/**
 * Translates between the Avro contracts and correlation's plain values, losslessly for outages: a
 * revision read back from the store compares equal to the one that was written.
 */
public final class OutageRecords {

  private OutageRecords() {}

  public static ProviderIncident toProviderIncident(Incident incident) {
    return new ProviderIncident(
        // One string per provider, not one per incident: correlation holds every incident of the
        // retention, and a provider has hundreds.
        incident.getProvider().intern(),
        incident.getIncidentId(),
        incident.getTitle(),
        severity(incident.getImpact()),
        incident.getStartedAt(),
        incident.getResolvedAt(),
        incident.getComponents().stream().map(AffectedComponent::getName).toList());
  }

  public static CorrelatedOutage toAvro(OutageRevision revision) {
    Outage o = revision.outage();
    return CorrelatedOutage.newBuilder()
        .setId(o.id())
        .setState(OutageState.valueOf(revision.state().name()))
        .setVersion(revision.version())
        .setProviders(o.providers())
        .setMembers(
            o.members().stream()
                .map(
                    m ->
                        OutageMember.newBuilder()
                            .setProvider(m.provider())
                            .setIncidentId(m.incidentId())
                            .setTitle(m.title())
                            .setImpact(impact(m.severity()))
                            .setStartedAt(m.startedAt())
                            .setResolvedAt(m.resolvedAt())
                            .build())
                .toList())
        .setFirstOnset(o.firstOnset())
        .setLastOnset(o.lastOnset())
        .setResolvedAt(o.resolvedAt())
        .setConfidence(o.confidence())
        .setCoincidenceProbability(o.coincidenceProbability())
        .setSuspectedCause(
            SuspectedCause.newBuilder()
                .setProvider(o.cause().provider())
                .setReporting(o.cause().reporting())
                .setReason(o.cause().reason())
                .build())
        .setExplanation(o.explanation())
        .setMergedInto(revision.mergedInto())
        .build();
  }

  public static OutageRevision fromAvro(CorrelatedOutage avro) {
    SuspectedCause cause = avro.getSuspectedCause();
    Outage outage =
        new Outage(
            avro.getId(),
            avro.getProviders(),
            avro.getMembers().stream()
                .map(
                    m ->
                        new Outage.Member(
                            m.getProvider(),
                            m.getIncidentId(),
                            m.getTitle(),
                            severity(m.getImpact()),
                            m.getStartedAt(),
                            m.getResolvedAt()))
                .toList(),
            avro.getFirstOnset(),
            avro.getLastOnset(),
            avro.getResolvedAt(),
            avro.getConfidence(),
            avro.getCoincidenceProbability(),
            cause == null
                ? Cause.none("")
                : new Cause(cause.getProvider(), cause.getReporting(), cause.getReason()),
            avro.getExplanation());
    return new OutageRevision(
        outage,
        OutageRevision.State.valueOf(avro.getState().name()),
        avro.getVersion(),
        avro.getMergedInto());
  }

  public static Severity severity(Impact impact) {
    return Severity.valueOf(impact.name());
  }

  static Impact impact(Severity severity) {
    return Impact.valueOf(severity.name());
  }
}
