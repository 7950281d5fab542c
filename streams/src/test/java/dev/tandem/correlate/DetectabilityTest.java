package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectabilityTest {

  private static final Duration SPREAD = Duration.ofMinutes(20);

  @Test
  void theSizeFoundGrowsWithTheBackground() {
    int small = Detectability.smallestFound(CorrelationSettings.DEFAULTS, 12.8, 0.5, SPREAD, 0.95);
    int medium = Detectability.smallestFound(CorrelationSettings.DEFAULTS, 128, 0.5, SPREAD, 0.95);
    int large = Detectability.smallestFound(CorrelationSettings.DEFAULTS, 1280, 0.5, SPREAD, 0.95);

    assertThat(small).isBetween(3, 8);
    assertThat(medium).isGreaterThan(small);
    assertThat(large).isGreaterThan(medium);
  }

  @Test
  void aBiggerOutageIsFoundMoreSurely() {
    double five = Detectability.probabilityFound(CorrelationSettings.DEFAULTS, 128, 0.5, SPREAD, 5);
    double fifteen =
        Detectability.probabilityFound(CorrelationSettings.DEFAULTS, 128, 0.5, SPREAD, 15);

    assertThat(fifteen).isGreaterThan(five);
    assertThat(fifteen).isBetween(0.0, 1.0);
  }

  @Test
  void aLooserBudgetFindsSmallerOutages() {
    CorrelationSettings d = CorrelationSettings.DEFAULTS;
    CorrelationSettings loose =
        new CorrelationSettings(
            d.window(),
            d.dependencyWindow(),
            d.maxSpan(),
            d.minProviders(),
            d.minConfidence(),
            d.priorEpisodesPerDay(),
            d.retention(),
            d.rateDecay(),
            d.priorWeightDays(),
            10);

    assertThat(Detectability.smallestFound(loose, 128, 0.5, SPREAD, 0.95))
        .isLessThan(Detectability.smallestFound(d, 128, 0.5, SPREAD, 0.95));
  }
}
