package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios designed for evaluation (src/test/resources/scenarios) and the bundled ones,
 * replayed through the real topology: each must come out as its expected file says.
 */
class DesignedScenariosTest {

  private static Evaluation designed;
  private static Evaluation bundled;

  static Path designedDirectory() {
    try {
      return Path.of(
              DesignedScenariosTest.class
                  .getResource("/scenarios/designed-upstream-reports-last.jsonl")
                  .toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void evaluate() throws Exception {
    Evaluator evaluator = new Evaluator(OfflineReplay.withDefaults());
    designed = evaluator.evaluate(ScenarioCase.fromDirectory(designedDirectory()));
    bundled = evaluator.evaluate(ScenarioCase.bundled());
  }

  private static ScenarioScore scenario(String name) {
    return designed.scenarios().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void correlatesAnUpstreamThatReportsLastWithItsDependents() {
    ScenarioScore s = scenario("designed-upstream-reports-last");

    assertThat(s.found())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.providers()).containsExactly("cloudflare", "discord", "openai", "x");
              assertThat(f.suspectedCause()).isEqualTo("cloudflare");
              assertThat(f.finalState()).isEqualTo("RESOLVED");
              assertThat(f.detectedAt())
                  .as("opened by discord's first update, an hour before cloudflare said anything")
                  .isEqualTo(Instant.parse("2025-09-23T11:14:00Z"));
            });
    assertThat(s.missed()).isEmpty();
    assertThat(s.falseAlarms()).isEmpty();
  }

  @Test
  void keepsTwoOutagesOfOneDayApart() {
    ScenarioScore s = scenario("designed-two-outages-same-day");

    assertThat(s.found())
        .extracting(FoundOutage::providers)
        .containsExactly(
            List.of("atlassian", "aws", "slack"), List.of("azure", "microsoft365", "xbox"));
    assertThat(s.found()).extracting(FoundOutage::suspectedCause).containsExactly("aws", "azure");
    assertThat(s.matches()).hasSize(2);
    assertThat(s.delays())
        .as("each alert opened by its second provider's first update")
        .containsOnly(Duration.ZERO);
  }

  @Test
  void ignoresMaintenanceWindowsThatCoincide() {
    ScenarioScore s = scenario("designed-maintenance-windows");

    assertThat(s.incidents()).isEqualTo(3);
    assertThat(s.found()).isEmpty();
  }

  @Test
  void staysQuietWhenANoisyProviderCoincidesWithAnother() {
    ScenarioScore s = scenario("designed-noisy-provider");

    assertThat(s.incidents()).isEqualTo(22);
    assertThat(s.found()).isEmpty();
  }

  @Test
  void designedScenariosScorePerfectly() {
    Evaluation e = new Evaluation(designed.scenarios());

    assertThat(e.scored()).hasSize(4);
    assertThat(e.pairs()).isEqualTo(new PairCounts(12, 12, 12));
    assertThat(e.falseAlarms()).isZero();
    assertThat(e.missed()).isZero();
    assertThat(e.causeAccuracy()).isEqualTo(new Ratio(3, 3));
    assertThat(e.finalStateAccuracy()).isEqualTo(new Ratio(3, 3));
  }

  @Test
  void bundledScenariosScorePerfectly() {
    assertThat(bundled.scored()).hasSize(3);
    assertThat(bundled.pairs().precision().value()).isEqualTo(1.0);
    assertThat(bundled.pairs().recall().value()).isEqualTo(1.0);
    assertThat(bundled.falseAlarms()).isZero();
    assertThat(bundled.causeAccuracy()).isEqualTo(new Ratio(1, 1));
    assertThat(bundled.detectionDelay().max())
        .as("fastly's alert opens on amazon's first update")
        .isZero();
  }
}
