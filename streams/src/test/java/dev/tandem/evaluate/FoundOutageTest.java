package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.correlate.Cause;
import dev.tandem.correlate.Outage;
import dev.tandem.correlate.OutageRevision;
import dev.tandem.correlate.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoundOutageTest {

  private static Instant at(String hhmm) {
    return Instant.parse("2025-10-07T" + hhmm + ":00Z");
  }

  private static Outage.Member member(String provider, String started) {
    return new Outage.Member(
        provider, provider + "-1", provider + " trouble", Severity.MAJOR, at(started), null);
  }

  private static Outage outage(String id, String cause, Outage.Member... members) {
    List<Outage.Member> list = List.of(members);
    return new Outage(
        id,
        list.stream().map(Outage.Member::provider).distinct().sorted().toList(),
        list,
        list.get(0).startedAt(),
        list.get(list.size() - 1).startedAt(),
        null,
        0.9,
        0.001,
        cause == null ? Cause.none("none") : new Cause(cause, true, "declared upstream"),
        List.of());
  }

  private static ReplayOutcome.PublishedChange change(
      Outage o, OutageRevision.State state, int version, String time) {
    return new ReplayOutcome.PublishedChange(
        o.id(), new OutageRevision(o, state, version), at(time));
  }

  @Test
  void anAlertLaterSupersededUnderAnotherIdStillCountsAsTheDetection() {
    Outage early =
        outage("slack-0901", null, member("slack", "09:01"), member("atlassian", "09:06"));
    Outage late =
        outage(
            "aws-0852",
            "aws",
            member("aws", "08:52"),
            member("slack", "09:01"),
            member("atlassian", "09:06"));
    ReplayOutcome outcome =
        new ReplayOutcome(
            List.of(
                change(early, OutageRevision.State.OPEN, 1, "09:09"),
                change(late, OutageRevision.State.OPEN, 1, "09:14"),
                new ReplayOutcome.PublishedChange(early.id(), null, at("09:14"))),
            Map.of(),
            Map.of(
                "slack/slack-1",
                at("09:03"),
                "atlassian/atlassian-1",
                at("09:09"),
                "aws/aws-1",
                at("09:14")),
            0);

    List<FoundOutage> found = FoundOutage.allIn(outcome);

    assertThat(found)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.id()).isEqualTo("aws-0852");
              assertThat(f.suspectedCause()).isEqualTo("aws");
              assertThat(f.finalState()).isEqualTo("OPEN");
              assertThat(f.detectedAt()).isEqualTo(at("09:09"));
              assertThat(f.secondProviderFirstUpdate())
                  .as("atlassian's, the second provider to say anything")
                  .isEqualTo(at("09:09"));
              assertThat(f.detectionDelay()).isZero();
            });
  }

  @Test
  void delayRunsFromTheSecondProvidersFirstUpdateToTheFirstAlertHoldingTwoOfItsProviders() {
    Outage pair =
        outage("openai-1108", null, member("openai", "11:08"), member("discord", "11:12"));
    Outage three =
        outage(
            "openai-1108",
            null,
            member("openai", "11:08"),
            member("discord", "11:12"),
            member("x", "11:15"));
    ReplayOutcome outcome =
        new ReplayOutcome(
            List.of(
                change(pair, OutageRevision.State.OPEN, 1, "11:31"),
                change(three, OutageRevision.State.UPDATED, 2, "11:40")),
            Map.of(),
            Map.of(
                "openai/openai-1",
                at("11:10"),
                "discord/discord-1",
                at("11:14"),
                "x/x-1",
                at("11:18")),
            0);

    FoundOutage f = FoundOutage.allIn(outcome).get(0);

    assertThat(f.providers()).containsExactly("discord", "openai", "x");
    assertThat(f.detectedAt()).isEqualTo(at("11:31"));
    assertThat(f.detectionDelay()).isEqualTo(Duration.ofMinutes(17));
  }

  @Test
  void anAlertThatSharesOnlyOneProviderDoesNotCountAsDetection() {
    Outage unrelated = outage("meta-1", null, member("meta", "10:00"), member("openai", "10:05"));
    Outage real = outage("openai-2", null, member("openai", "10:05"), member("x", "10:20"));
    ReplayOutcome outcome =
        new ReplayOutcome(
            List.of(
                change(unrelated, OutageRevision.State.OPEN, 1, "10:06"),
                new ReplayOutcome.PublishedChange(unrelated.id(), null, at("10:21")),
                change(real, OutageRevision.State.OPEN, 1, "10:21")),
            Map.of(),
            Map.of(
                "meta/meta-1", at("10:00"), "openai/openai-1", at("10:05"), "x/x-1", at("10:20")),
            0);

    assertThat(FoundOutage.allIn(outcome))
        .singleElement()
        .satisfies(f -> assertThat(f.detectionDelay()).isEqualTo(Duration.ofMinutes(1)));
  }
}
