package dev.tandem.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTest {

  private static StatusUpdate update(
      String id, IncidentStatus status, Impact impact, String at, AffectedComponent... components) {
    return StatusUpdate.newBuilder()
        .setProvider("openai")
        .setIncidentId("inc")
        .setUpdateId(id)
        .setTitle("Elevated errors (" + id + ")")
        .setStatus(status)
        .setImpact(impact)
        .setComponents(List.of(components))
        .setStartedAt(Instant.parse("2025-12-02T19:40:00Z"))
        .setUpdatedAt(Instant.parse(at))
        .build();
  }

  private static AffectedComponent component(String name, ComponentStatus status) {
    return AffectedComponent.newBuilder().setId(null).setName(name).setStatus(status).build();
  }

  private static List<StatusUpdate> chatGpt() {
    return List.of(
        update(
            "a",
            IncidentStatus.INVESTIGATING,
            Impact.MAJOR,
            "2025-12-02T19:40:00Z",
            component("API", ComponentStatus.PARTIAL_OUTAGE)),
        update(
            "b",
            IncidentStatus.INVESTIGATING,
            Impact.MAJOR,
            "2025-12-02T19:52:00Z",
            component("Login", ComponentStatus.PARTIAL_OUTAGE)),
        update("c", IncidentStatus.IDENTIFIED, Impact.MAJOR, "2025-12-02T19:55:00Z"),
        update(
            "d",
            IncidentStatus.MONITORING,
            Impact.MINOR,
            "2025-12-02T20:32:00Z",
            component("API", ComponentStatus.DEGRADED_PERFORMANCE)),
        update(
            "e",
            IncidentStatus.RESOLVED,
            Impact.MINOR,
            "2025-12-02T21:40:00Z",
            component("API", ComponentStatus.OPERATIONAL)));
  }

  @Test
  void foldsThePhasesOfAnIncident() {
    Incident incident = IncidentLifecycle.fold(chatGpt());

    assertThat(incident.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(incident.getStartedAt()).isEqualTo(Instant.parse("2025-12-02T19:40:00Z"));
    assertThat(incident.getIdentifiedAt()).isEqualTo(Instant.parse("2025-12-02T19:55:00Z"));
    assertThat(incident.getMonitoringAt()).isEqualTo(Instant.parse("2025-12-02T20:32:00Z"));
    assertThat(incident.getResolvedAt()).isEqualTo(Instant.parse("2025-12-02T21:40:00Z"));
    assertThat(incident.getTimeToIdentifyMillis()).isEqualTo(Duration.ofMinutes(15).toMillis());
    assertThat(incident.getTimeToMitigateMillis()).isEqualTo(Duration.ofMinutes(52).toMillis());
    assertThat(incident.getTimeToResolveMillis()).isEqualTo(Duration.ofHours(2).toMillis());
    assertThat(incident.getUpdateCount()).isEqualTo(5);
    assertThat(incident.getTitle()).isEqualTo("Elevated errors (e)");
  }

  @Test
  void keepsTheHighestImpactAndEveryComponentWithItsLatestStatus() {
    Incident incident = IncidentLifecycle.fold(chatGpt());

    assertThat(incident.getImpact()).isEqualTo(Impact.MAJOR);
    assertThat(incident.getComponents())
        .extracting(AffectedComponent::getName, AffectedComponent::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("API", ComponentStatus.OPERATIONAL),
            org.assertj.core.groups.Tuple.tuple("Login", ComponentStatus.PARTIAL_OUTAGE));
  }

  @Test
  void outOfOrderUpdatesNeverMoveTheStatusBackwards() {
    Incident expected = IncidentLifecycle.fold(chatGpt());
    List<StatusUpdate> shuffled = new ArrayList<>(chatGpt());
    Random random = new Random(3);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(shuffled, random);
      assertThat(IncidentLifecycle.fold(shuffled)).isEqualTo(expected);
    }
  }

  @Test
  void theSameUpdateTwiceCountsOnce() {
    List<StatusUpdate> twice = new ArrayList<>(chatGpt());
    twice.addAll(chatGpt());

    assertThat(IncidentLifecycle.fold(twice).getUpdateCount()).isEqualTo(5);
  }

  @Test
  void aBackdatedStartMovesTheStartEarlier() {
    List<StatusUpdate> updates = new ArrayList<>(chatGpt());
    updates.add(
        StatusUpdate.newBuilder(
                update("f", IncidentStatus.RESOLVED, Impact.MINOR, "2025-12-02T22:00:00Z"))
            .setStartedAt(Instant.parse("2025-12-02T19:20:00Z"))
            .build());

    Incident incident = IncidentLifecycle.fold(updates);

    assertThat(incident.getStartedAt()).isEqualTo(Instant.parse("2025-12-02T19:20:00Z"));
    assertThat(incident.getTimeToIdentifyMillis()).isEqualTo(Duration.ofMinutes(35).toMillis());
  }

  @Test
  void anIncidentReopenedAfterResolutionIsOpenAgain() {
    List<StatusUpdate> updates = new ArrayList<>(chatGpt());
    updates.add(update("g", IncidentStatus.INVESTIGATING, Impact.MAJOR, "2025-12-02T22:10:00Z"));

    Incident incident = IncidentLifecycle.fold(updates);

    assertThat(incident.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(incident.getResolvedAt()).isNull();
    assertThat(incident.getTimeToResolveMillis()).isNull();
  }

  @Test
  void atTheSameVendorTimeTheFurtherPhaseWins() {
    Incident incident =
        IncidentLifecycle.fold(
            List.of(
                update("x", IncidentStatus.RESOLVED, Impact.MINOR, "2025-12-02T20:00:00Z"),
                update("w", IncidentStatus.MONITORING, Impact.MINOR, "2025-12-02T20:00:00Z")));

    assertThat(incident.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
  }
}
