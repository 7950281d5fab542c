package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.OutageMember;
import dev.tandem.contract.OutageState;
import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Updates that arrive hours late (design §5): a vendor's postmortem that backdates an incident's
 * start, an incident reported long after it began. Each lands on the outage it belongs to, as a new
 * version of the same id, unless it changes which incident comes first, and so the outage's id.
 */
class LatenessTest {

  private static final String FASTLY_OUTAGE = "fastly-cfdcefd7c4e1";

  @Test
  void aPostmortemThatBackdatesAMemberUpdatesTheResolvedOutageAsItsNextVersion() {
    try (OfflinePipeline run = OfflinePipeline.of(fastly())) {
      CorrelatedOutage before = last(run.outageChanges());
      assertThat(before.getId()).isEqualTo(FASTLY_OUTAGE);
      assertThat(before.getState()).isEqualTo(OutageState.RESOLVED);

      // Published at 15:10, two and a half hours after the outage resolved: github's errors began
      // at 09:55, not 10:05.
      List<TestRecord<String, CorrelatedOutage>> changes =
          run.pipe(late("github-postmortem-backdates-start")).outageChanges();

      assertThat(changes)
          .singleElement()
          .satisfies(
              change -> {
                assertThat(change.key()).isEqualTo(FASTLY_OUTAGE);
                assertThat(change.timestamp())
                    .as("the pipeline's event time: the postmortem's")
                    .isEqualTo(Instant.parse("2021-06-08T15:10:00Z").toEpochMilli());
              });
      CorrelatedOutage after = changes.get(0).value();
      assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
      assertThat(after.getState())
          .as("still resolved: every member still is")
          .isEqualTo(OutageState.RESOLVED);
      assertThat(member(after, "github").getStartedAt())
          .isEqualTo(Instant.parse("2021-06-08T09:55:00Z"));
      assertThat(member(before, "github").getStartedAt())
          .isEqualTo(Instant.parse("2021-06-08T10:05:00Z"));
      assertThat(after.getFirstOnset())
          .as("fastly still started first")
          .isEqualTo(Instant.parse("2021-06-08T09:47:00Z"));
      assertThat(after.getLastOnset()).isEqualTo(before.getLastOnset());
      assertThat(after.getResolvedAt()).isEqualTo(before.getResolvedAt());
      assertThat(after.getProviders()).isEqualTo(before.getProviders());
      assertThat(after.getExplanation())
          .anySatisfy(line -> assertThat(line).startsWith("github started 8 min after fastly"));
    }
  }

  @Test
  void anIncidentReportedHoursLateJoinsTheOpenOutageItStartedIn() {
    List<RawStatus> lateReport = late("shopify-reported-two-hours-late");
    Instant reportedAt = lateReport.get(0).receivedAt();
    List<RawStatus> earlier =
        fastly().stream().filter(r -> r.receivedAt().isBefore(reportedAt)).toList();
    List<RawStatus> later =
        fastly().stream().filter(r -> !r.receivedAt().isBefore(reportedAt)).toList();
    try (OfflinePipeline run = OfflinePipeline.of(earlier)) {
      CorrelatedOutage before = last(run.outageChanges());
      assertThat(before.getState())
          .as("fastly has not resolved yet")
          .isEqualTo(OutageState.UPDATED);

      // Reported at 12:15 with its whole timeline: shopify failed from 10:15 to 11:20, inside the
      // window of fastly's 09:47.
      List<TestRecord<String, CorrelatedOutage>> changes = run.pipe(lateReport).outageChanges();

      assertThat(changes).extracting(TestRecord::key).containsOnly(FASTLY_OUTAGE);
      CorrelatedOutage joined = changes.get(0).value();
      assertThat(joined.getState()).isEqualTo(OutageState.UPDATED);
      assertThat(joined.getVersion()).isEqualTo(before.getVersion() + 1);
      assertThat(joined.getProviders())
          .containsExactly("amazon", "fastly", "github", "govuk", "reddit", "shopify");
      assertThat(member(joined, "shopify").getStartedAt())
          .isEqualTo(Instant.parse("2021-06-08T10:15:00Z"));
      assertThat(joined.getFirstOnset()).isEqualTo(before.getFirstOnset());
      assertThat(joined.getLastOnset()).isEqualTo(Instant.parse("2021-06-08T10:15:00Z"));
      assertThat(joined.getSuspectedCause().getProvider()).isEqualTo("fastly");
      // The report carries shopify's resolution too: its incidents are settled together, so the
      // one revision that adds shopify already has it resolved.
      assertThat(changes).hasSize(1);
      assertThat(joined.getState()).as("fastly is still open").isEqualTo(OutageState.UPDATED);
      assertThat(member(joined, "shopify").getResolvedAt())
          .isEqualTo(Instant.parse("2021-06-08T11:20:00Z"));

      CorrelatedOutage resolved = last(run.pipe(later).outageChanges());
      assertThat(resolved.getId()).isEqualTo(FASTLY_OUTAGE);
      assertThat(resolved.getState()).isEqualTo(OutageState.RESOLVED);
      assertThat(resolved.getProviders()).contains("shopify");
      assertThat(resolved.getResolvedAt())
          .as("fastly resolves last")
          .isEqualTo(Instant.parse("2021-06-08T12:44:00Z"));
    }
  }

  /**
   * An outage is named after its earliest member, so that the same incidents give the same id in
   * any arrival order: a backdated start that puts another incident first renames the outage, and
   * the old id ends with a MERGED record naming the new one, so a pager keyed on it can follow.
   */
  @Test
  void aBackdatedStartThatComesBeforeTheAnchorRenamesTheOutageAndSaysSo() {
    try (OfflinePipeline run = OfflinePipeline.of(fastly())) {
      CorrelatedOutage before = last(run.outageChanges());
      assertThat(before.getId()).isEqualTo(FASTLY_OUTAGE);

      // Published at 16:00: amazon's errors began at 09:40, seven minutes before fastly's own
      // start.
      List<TestRecord<String, CorrelatedOutage>> changes =
          run.pipe(late("amazon-postmortem-starts-before-fastly")).outageChanges();

      assertThat(changes).hasSize(2);
      CorrelatedOutage renamed = changes.get(0).value();
      assertThat(renamed.getId()).startsWith("amazon-");
      assertThat(changes.get(0).key()).isEqualTo(renamed.getId());
      assertThat(renamed.getVersion()).isEqualTo(1);
      assertThat(renamed.getState()).isEqualTo(OutageState.RESOLVED);
      assertThat(renamed.getProviders()).isEqualTo(before.getProviders());
      assertThat(renamed.getFirstOnset()).isEqualTo(Instant.parse("2021-06-08T09:40:00Z"));
      assertThat(renamed.getResolvedAt()).isEqualTo(before.getResolvedAt());
      assertThat(renamed.getSuspectedCause().getProvider())
          .as("the cause does not follow the anchor")
          .isEqualTo("fastly");
      assertThat(changes.get(1).key()).isEqualTo(FASTLY_OUTAGE);
      assertThat(changes.get(1).value().getState()).isEqualTo(OutageState.MERGED);
      assertThat(changes.get(1).value().getMergedInto()).isEqualTo(renamed.getId());
      assertThat(changes.get(1).value().getVersion()).isEqualTo(before.getVersion() + 1);
    }
  }

  private static List<RawStatus> fastly() {
    Scenario scenario =
        Scenario.bundled().stream()
            .filter(s -> s.name().equals("fastly-2021-06-08"))
            .findFirst()
            .orElseThrow();
    return Scenario.records(List.of(scenario));
  }

  /**
   * A late update from {@code src/test/resources/late/NAME.jsonl}, in the scenario envelope format.
   */
  private static List<RawStatus> late(String name) {
    try (InputStream in = LatenessTest.class.getResourceAsStream("/late/" + name + ".jsonl")) {
      Scenario scenario =
          Scenario.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Scenario.records(List.of(scenario));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CorrelatedOutage last(List<TestRecord<String, CorrelatedOutage>> changes) {
    assertThat(changes).isNotEmpty();
    return changes.get(changes.size() - 1).value();
  }

  private static OutageMember member(CorrelatedOutage outage, String provider) {
    return outage.getMembers().stream()
        .filter(m -> m.getProvider().equals(provider))
        .findFirst()
        .orElseThrow();
  }
}
