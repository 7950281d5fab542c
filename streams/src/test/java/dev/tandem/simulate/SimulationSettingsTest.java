package dev.tandem.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.contract.Impact;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

  @Test
  void providerIdsArePaddedToTheWidthOfTheCount() {
    assertThat(SimulationSettings.of(10000, 3, 0, 1).providerId(0)).isEqualTo("sim-00001");
    assertThat(SimulationSettings.of(10000, 3, 0, 1).providerId(9999)).isEqualTo("sim-10000");
    assertThat(SimulationSettings.of(20, 3, 0, 1).providerId(6)).isEqualTo("sim-07");
    assertThat(SimulationSettings.of(1, 1, 0, 1).providerId(0)).isEqualTo("sim-1");
  }

  @Test
  void theDefaultNameSaysTheSizesAndSeed() {
    assertThat(SimulationSettings.of(10000, 30, 20, 7).name()).isEqualTo("sim-10000p-30d-20k-s7");
  }

  @Test
  void badSettingsAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> SimulationSettings.of(0, 3, 0, 1))
        .hasMessage("--providers must be at least 1, not 0");
    assertThatThrownBy(() -> SimulationSettings.of(20, 0, 0, 1))
        .hasMessage("--days must be at least 1, not 0");
    assertThatThrownBy(() -> SimulationSettings.of(20, 3, -1, 1))
        .hasMessage("--shared must not be negative, not -1");
    assertThatThrownBy(() -> SimulationSettings.of(5, 3, 1, 1))
        .hasMessageStartingWith("--max-dependents 8 needs at least 9 providers");
    assertThatThrownBy(() -> SimulationSettings.of(20, 2, 1, 1))
        .hasMessageStartingWith("--shared needs --days 3 or more");
    assertThatThrownBy(() -> settings(0.5, 0.1, 3, 8, "x"))
        .hasMessage("--max-rate (0.1) must not be below --min-rate (0.5)");
    assertThatThrownBy(() -> settings(0, 0.1, 3, 8, "x"))
        .hasMessageStartingWith("--min-rate must be a positive number");
    assertThatThrownBy(() -> settings(0.1, 0.5, 0, 8, "x"))
        .hasMessage("--min-dependents must be at least 1, not 0");
    assertThatThrownBy(() -> settings(0.1, 0.5, 5, 4, "x"))
        .hasMessage("--max-dependents (4) must not be below --min-dependents (5)");
    assertThatThrownBy(() -> settings(0.1, 0.5, 3, 8, "../x"))
        .hasMessageStartingWith("--name must be a plain file stem");
  }

  @Test
  void smallSettingsAreFineWhenNothingIsPlanted() {
    assertThat(SimulationSettings.of(1, 1, 0, 1).providers()).isEqualTo(1);
  }

  @Test
  void aSeverityMixReadsNamesInAnyCaseAndLeftOutSeveritiesNeverHappen() {
    assertThat(SeverityMix.parse(SeverityMix.DEFAULT)).isEqualTo(new SeverityMix(0.5, 0.4, 0.1));
    assertThat(SeverityMix.parse("MAJOR=0.25, minor=0.75"))
        .isEqualTo(new SeverityMix(0.75, 0.25, 0));

    SeverityMix mix = SeverityMix.parse("minor=0.7,major=0.3");
    SplittableRandom random = new SplittableRandom(3);
    Map<Impact, Integer> counts = new EnumMap<>(Impact.class);
    for (int i = 0; i < 10_000; i++) {
      counts.merge(mix.draw(random), 1, Integer::sum);
    }
    assertThat(counts).containsOnlyKeys(Impact.MINOR, Impact.MAJOR);
    assertThat(counts.get(Impact.MINOR)).isBetween(6700, 7300);
  }

  @Test
  void aBadSeverityMixSaysWhatIsWrong() {
    assertThatThrownBy(() -> SeverityMix.parse("minor=0.5,major=0.4"))
        .hasMessageEndingWith("severity weights must add up to 1, not 0.9");
    assertThatThrownBy(() -> SeverityMix.parse("minor=0.5,severe=0.5"))
        .hasMessageContaining("unknown severity 'severe'");
    assertThatThrownBy(() -> SeverityMix.parse("minor=half,major=0.5"))
        .hasMessageContaining("weight 'half' is not a number");
    assertThatThrownBy(() -> SeverityMix.parse("minor=0.5,minor=0.5"))
        .hasMessageContaining("minor is given twice");
    assertThatThrownBy(() -> SeverityMix.parse("minor"))
        .hasMessageContaining("expected name=weight pairs");
    assertThatThrownBy(() -> SeverityMix.parse("minor=1.5,major=-0.5"))
        .hasMessageContaining("within 0..1");
  }

  private static SimulationSettings settings(
      double minRate, double maxRate, int minDependents, int maxDependents, String name) {
    return new SimulationSettings(
        20,
        3,
        1,
        1,
        minRate,
        maxRate,
        minDependents,
        maxDependents,
        Duration.ofMinutes(20),
        SeverityMix.parse(SeverityMix.DEFAULT),
        SimulationSettings.DEFAULT_START,
        name);
  }
}
