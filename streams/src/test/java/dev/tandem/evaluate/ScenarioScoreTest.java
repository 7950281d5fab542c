package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioScoreTest {

  private static final Instant T = Instant.parse("2021-06-08T10:00:00Z");

  private static ExpectedOutcome expect(ExpectedOutcome.ExpectedOutage... outages) {
    return new ExpectedOutcome(List.of(outages));
  }

  private static ExpectedOutcome.ExpectedOutage expected(String cause, String... providers) {
    return new ExpectedOutcome.ExpectedOutage(List.of(providers), cause, "RESOLVED");
  }

  private static FoundOutage found(String cause, Duration delay, String... providers) {
    return new FoundOutage(
        "id-" + String.join("-", providers),
        List.of(providers),
        cause,
        "RESOLVED",
        0.9,
        T.plus(delay),
        T);
  }

  @Test
  void aFoundOutageThatMatchesNothingIsAFalseAlarm() {
    ScenarioScore score =
        ScenarioScore.of(
            "s", 10, 3, expect(), List.of(found(null, Duration.ZERO, "circleci", "datadog")));

    assertThat(score.falseAlarms())
        .extracting(FoundOutage::providers)
        .containsExactly(List.of("circleci", "datadog"));
    assertThat(score.pairs()).isEqualTo(new PairCounts(1, 0, 0));
  }

  @Test
  void anExpectedOutageNothingMatchesIsMissed() {
    ScenarioScore score =
        ScenarioScore.of("s", 10, 3, expect(expected("fastly", "fastly", "reddit")), List.of());

    assertThat(score.missed()).hasSize(1);
    assertThat(score.falseAlarms()).isEmpty();
  }

  @Test
  void theCauseIsRightWhenItIsTheExpectedProviderOrBothAreNone() {
    ScenarioScore score =
        ScenarioScore.of(
            "s",
            10,
            6,
            expect(
                expected("aws", "aws", "slack"),
                expected(null, "meta", "openai"),
                expected("azure", "azure", "xbox")),
            List.of(
                found("aws", Duration.ZERO, "aws", "slack"),
                found(null, Duration.ZERO, "meta", "openai"),
                found(null, Duration.ZERO, "azure", "xbox")));

    assertThat(score.matches()).hasSize(3);
    assertThat(score.causesCorrect()).isEqualTo(2);
  }

  @Test
  void aScenarioWithoutExpectationsIsListedButLeftOutOfTheTotals() {
    ScenarioScore unscored =
        ScenarioScore.of("free", 5, 2, null, List.of(found(null, Duration.ZERO, "a", "b")));
    ScenarioScore scored =
        ScenarioScore.of(
            "fastly",
            12,
            5,
            expect(expected("fastly", "fastly", "reddit")),
            List.of(found("fastly", Duration.ofMinutes(4), "fastly", "reddit")));

    Evaluation evaluation = new Evaluation(List.of(unscored, scored));

    assertThat(unscored.falseAlarms()).isEmpty();
    assertThat(evaluation.scored()).containsExactly(scored);
    assertThat(evaluation.foundOutages()).isEqualTo(1);
    assertThat(evaluation.falseAlarms()).isZero();
    assertThat(evaluation.pairs()).isEqualTo(new PairCounts(1, 1, 1));
    assertThat(evaluation.causeAccuracy()).isEqualTo(new Ratio(1, 1));
    assertThat(evaluation.detectionDelay())
        .isEqualTo(
            new DelaySummary(
                1, Duration.ofMinutes(4), Duration.ofMinutes(4), Duration.ofMinutes(4)));
  }

  @Test
  void detectionDelaysAreSummarizedByMinimumMedianAndMaximum() {
    assertThat(
            DelaySummary.of(
                List.of(
                    Duration.ofMinutes(9),
                    Duration.ZERO,
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(4))))
        .isEqualTo(
            new DelaySummary(4, Duration.ZERO, Duration.ofMinutes(3), Duration.ofMinutes(9)));
    assertThat(
            DelaySummary.of(
                    List.of(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .median())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(DelaySummary.of(List.of()).count()).isZero();
  }
}
