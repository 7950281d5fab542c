package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairCountsTest {

  @Test
  void countsEachUnorderedPairOfProvidersOnce() {
    PairCounts pairs =
        PairCounts.of(
            List.of(List.of("a", "b", "c")), List.of(List.of("b", "a"), List.of("b", "c", "d")));

    assertThat(pairs).isEqualTo(new PairCounts(4, 3, 2));
    assertThat(pairs.precision().value()).isEqualTo(0.5);
    assertThat(pairs.recall().value()).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void f1IsTheHarmonicMeanOfPrecisionAndRecall() {
    PairCounts pairs = new PairCounts(4, 3, 2);
    double p = pairs.precision().value();
    double r = pairs.recall().value();

    assertThat(pairs.f1().value()).isCloseTo(2 * p * r / (p + r), within(1e-12));
  }

  @Test
  void precisionIsUndefinedWhenNothingWasFound() {
    PairCounts pairs = PairCounts.of(List.of(List.of("a", "b")), List.of());

    assertThat(pairs.precision().defined()).isFalse();
    assertThat(pairs.recall().value()).isZero();
    assertThat(pairs.f1().value()).isZero();
  }

  @Test
  void countsAddUpOverScenarios() {
    assertThat(new PairCounts(1, 2, 1).plus(new PairCounts(3, 0, 0)))
        .isEqualTo(new PairCounts(4, 2, 1));
  }
}
