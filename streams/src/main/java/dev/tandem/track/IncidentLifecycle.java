package dev.tandem.track;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the updates of one incident into its lifecycle. A function of the set of updates, so
 * out-of-order input never moves the status backwards: the latest update by vendor time wins, and
 * each phase timestamp is the earliest update that reached that phase.
 */
public final class IncidentLifecycle {

  /** Orders updates by vendor time; at equal times the further phase wins, then the update id. */
  static final Comparator<StatusUpdate> BY_VENDOR_TIME =
      Comparator.comparing(StatusUpdate::getUpdatedAt)
          .thenComparingInt((StatusUpdate u) -> Phase.rank(u.getStatus()))
          .thenComparing(StatusUpdate::getUpdateId);

  /**
   * A fixed order over what an edit can change, to choose between two edits made at the same vendor
   * time.
   */
  private static final Comparator<StatusUpdate> EDIT_CONTENT =
      Comparator.comparing((StatusUpdate u) -> String.valueOf(u.getBody()))
          .thenComparing(StatusUpdate::getTitle)
          .thenComparing(u -> u.getImpact().name())
          .thenComparing(u -> u.getComponents().toString())
          .thenComparing(StatusUpdate::getStartedAt);

  private static final Set<IncidentStatus> CLOSED =
      Set.of(IncidentStatus.RESOLVED, IncidentStatus.POSTMORTEM, IncidentStatus.COMPLETED);

  private IncidentLifecycle() {}

  /**
   * The incident these updates describe; they must share provider and incident id, and be
   * non-empty.
   */
  public static Incident fold(Collection<StatusUpdate> updates) {
    if (updates.isEmpty()) {
      throw new IllegalArgumentException("an incident has at least one update");
    }
    List<StatusUpdate> ordered = distinctByUpdateId(updates);
    ordered.sort(BY_VENDOR_TIME);
    StatusUpdate latest = ordered.get(ordered.size() - 1);
    Instant startedAt =
        ordered.stream()
            .map(StatusUpdate::getStartedAt)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Instant identifiedAt = earliestReaching(ordered, Phase.IDENTIFIED);
    Instant monitoringAt = earliestReaching(ordered, Phase.MONITORING);
    // A resolved incident that a later update reopens is open again: resolvedAt follows the current
    // status.
    Instant resolvedAt =
        CLOSED.contains(latest.getStatus()) ? earliestReaching(ordered, Phase.RESOLVED) : null;
    return Incident.newBuilder()
        .setProvider(latest.getProvider())
        .setIncidentId(latest.getIncidentId())
        .setTitle(latest.getTitle())
        .setStatus(latest.getStatus())
        .setImpact(maxImpact(ordered))
        .setComponents(components(ordered))
        .setStartedAt(startedAt)
        .setIdentifiedAt(identifiedAt)
        .setMonitoringAt(monitoringAt)
        .setResolvedAt(resolvedAt)
        .setUpdateCount(ordered.size())
        .setLastUpdatedAt(latest.getUpdatedAt())
        .setTimeToIdentifyMillis(millisBetween(startedAt, identifiedAt))
        .setTimeToMitigateMillis(millisBetween(startedAt, monitoringAt))
        .setTimeToResolveMillis(millisBetween(startedAt, resolvedAt))
        .build();
  }

  private static List<StatusUpdate> distinctByUpdateId(Collection<StatusUpdate> updates) {
    Map<String, StatusUpdate> byId = new LinkedHashMap<>();
    for (StatusUpdate u : updates) {
      byId.merge(u.getUpdateId(), u, IncidentLifecycle::laterEdit);
    }
    return new ArrayList<>(byId.values());
  }

  /**
   * Of two versions of the same update (vendors edit posted updates), the one that stands: the
   * later by vendor time, and at equal times a fixed choice by content, so arrival order never
   * decides.
   */
  public static StatusUpdate laterEdit(StatusUpdate a, StatusUpdate b) {
    int byTime = BY_VENDOR_TIME.compare(a, b);
    if (byTime != 0) {
      return byTime > 0 ? a : b;
    }
    return EDIT_CONTENT.compare(a, b) >= 0 ? a : b;
  }

  private static Instant earliestReaching(List<StatusUpdate> ordered, int phase) {
    return ordered.stream()
        .filter(u -> Phase.rank(u.getStatus()) >= phase)
        .map(StatusUpdate::getUpdatedAt)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private static Impact maxImpact(List<StatusUpdate> updates) {
    return updates.stream()
        .map(StatusUpdate::getImpact)
        .max(Comparator.comparingInt(IncidentLifecycle::severity))
        .orElse(Impact.NONE);
  }

  /**
   * Severity order of impacts: planned maintenance ranks above "none" and below any real trouble.
   */
  static int severity(Impact impact) {
    return switch (impact) {
      case NONE -> 0;
      case MAINTENANCE -> 1;
      case MINOR -> 2;
      case MAJOR -> 3;
      case CRITICAL -> 4;
    };
  }

  /**
   * Every component ever named, in order of first mention, with the status of its latest mention.
   */
  private static List<AffectedComponent> components(List<StatusUpdate> ordered) {
    Map<String, AffectedComponent> byKey = new LinkedHashMap<>();
    for (StatusUpdate u : ordered) {
      for (AffectedComponent c : u.getComponents()) {
        String key = c.getId() != null ? "id:" + c.getId() : "name:" + c.getName();
        byKey.put(key, AffectedComponent.newBuilder(c).build());
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private static Long millisBetween(Instant from, Instant to) {
    return to == null ? null : Duration.between(from, to).toMillis();
  }
}
