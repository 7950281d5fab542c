package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.OutageState;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Outages end in a final state when their members age out of correlation (30 days): a resolved one
 * stays as it was published, never a tombstone; one whose members never resolved ends EXPIRED; and
 * what is left of either is never published again as a new outage.
 */
class AgingOutTest {

  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static RawStatus update(
      String provider, String incident, String status, Instant startedAt, Instant updatedAt) {
    String json =
        "{\"provider\":\""
            + provider
            + "\",\"incidentId\":\""
            + incident
            + "\",\"updateId\":\""
            + incident
            + "-"
            + status
            + "\","
            + "\"title\":\"Elevated errors\",\"status\":\""
            + status
            + "\",\"impact\":\"MAJOR\",\"components\":[],\"body\":\"b\","
            + "\"startedAt\":\""
            + startedAt
            + "\",\"updatedAt\":\""
            + updatedAt
            + "\"}";
    return new RawStatus(
        provider, "tandem", null, updatedAt.plusSeconds(30), json.getBytes(StandardCharsets.UTF_8));
  }

  /** fastly and its declared dependents reddit and github fail together; resolved or not. */
  private static List<RawStatus> outage(boolean resolve) {
    List<RawStatus> records =
        new java.util.ArrayList<>(
            List.of(
                update("fastly", "f1", "INVESTIGATING", T, T),
                update("reddit", "r1", "INVESTIGATING", T.plusSeconds(300), T.plusSeconds(300)),
                update("github", "g1", "INVESTIGATING", T.plusSeconds(600), T.plusSeconds(600))));
    if (resolve) {
      // Resolved a day apart, so they age out on different days.
      records.add(update("fastly", "f1", "RESOLVED", T, T.plus(Duration.ofHours(2))));
      records.add(
          update("reddit", "r1", "RESOLVED", T.plusSeconds(300), T.plus(Duration.ofDays(1))));
      records.add(
          update("github", "g1", "RESOLVED", T.plusSeconds(600), T.plus(Duration.ofDays(2))));
    }
    return records;
  }

  /** One incident of an unrelated provider a day, for 40 days: event time moves on. */
  private static List<RawStatus> laterDays() {
    List<RawStatus> records = new java.util.ArrayList<>();
    for (int d = 3; d <= 40; d++) {
      Instant at = T.plus(Duration.ofDays(d));
      records.add(update("acme", "a" + d, "INVESTIGATING", at, at));
      records.add(update("acme", "a" + d, "RESOLVED", at, at.plusSeconds(600)));
    }
    return records;
  }

  @Test
  void aResolvedOutageStaysAsPublishedWhenItsMembersAgeOut() {
    try (OfflinePipeline run = OfflinePipeline.of(outage(true))) {
      CorrelatedOutage resolved = last(run.outageChanges());
      assertThat(resolved.getState()).isEqualTo(OutageState.RESOLVED);

      List<TestRecord<String, CorrelatedOutage>> later = run.pipe(laterDays()).outageChanges();

      assertThat(later)
          .as("no tombstone, no shrinking update, no new outage of what is left")
          .isEmpty();
    }
  }

  @Test
  void anOutageWhoseMembersNeverResolvedEndsExpired() {
    try (OfflinePipeline run = OfflinePipeline.of(outage(false))) {
      CorrelatedOutage open = last(run.outageChanges());
      assertThat(open.getResolvedAt()).isNull();

      List<TestRecord<String, CorrelatedOutage>> later = run.pipe(laterDays()).outageChanges();

      assertThat(later)
          .singleElement()
          .satisfies(
              change -> {
                assertThat(change.key()).isEqualTo(open.getId());
                assertThat(change.value().getState()).isEqualTo(OutageState.EXPIRED);
                assertThat(change.value().getVersion()).isEqualTo(open.getVersion() + 1);
                assertThat(change.value().getProviders()).isEqualTo(open.getProviders());
              });
    }
  }

  @Test
  void anIncidentOlderThanCorrelationHoldsAnythingGoesToTheDeadLetterTopicAsTooLate() {
    try (OfflinePipeline run = OfflinePipeline.of(laterDays())) {
      Instant old = T.minus(Duration.ofDays(60));

      run.pipe(
          List.of(
              update("fastly", "f-old", "RESOLVED", old, old.plusSeconds(3600)),
              update("reddit", "r-old", "RESOLVED", old.plusSeconds(60), old.plusSeconds(3600))));

      assertThat(run.outageChanges()).as("never half applied").isEmpty();
      assertThat(run.deadLetters())
          .hasSize(2)
          .allSatisfy(
              letter -> {
                assertThat(
                        new String(
                            letter.headers().lastHeader("tandem.error.stage").value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("correlate");
                assertThat(
                        new String(
                            letter.headers().lastHeader("tandem.error.reason").value(),
                            StandardCharsets.UTF_8))
                    .startsWith("too-late: ");
                assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                    .contains("\"type\":\"incident\"");
              });
    }
  }

  private static CorrelatedOutage last(List<TestRecord<String, CorrelatedOutage>> changes) {
    assertThat(changes).isNotEmpty();
    return changes.get(changes.size() - 1).value();
  }
}
