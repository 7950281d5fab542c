package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScanStatisticTest {

  @Test
  void thePoissonTailMatchesTheDirectSum() {
    for (double mean : new double[] {0.01, 0.5, 3, 27, 160}) {
      for (int m : new int[] {0, 1, 2, 5, 30, 60, 250}) {
        double direct = 0;
        for (int j = m; j < m + 2000; j++) {
          direct += Math.exp(-mean + j * Math.log(mean) - ScanStatistic.logFactorial(j));
        }
        double expected = Math.min(1, direct);
        assertThat(ScanStatistic.upperTail(m, mean))
            .as("P(Poisson(%s) >= %d)", mean, m)
            .isCloseTo(expected, within(Math.max(1e-12, expected * 1e-6)));
      }
    }
  }

  @Test
  void theThresholdRisesWithTheBackgroundAndFallsWithTheBudget() {
    int quiet = ScanStatistic.threshold(30, 13, 16, 0.1);
    int busy = ScanStatistic.threshold(30, 1300, 16, 0.1);
    int lenient = ScanStatistic.threshold(30, 1300, 16, 10);

    assertThat(busy).isGreaterThan(quiet);
    assertThat(lenient).isLessThan(busy);
    assertThat(ScanStatistic.chanceBurstsPerWeek(busy, 30, 1300, 16)).isLessThanOrEqualTo(0.1);
    assertThat(ScanStatistic.chanceBurstsPerWeek(busy - 1, 30, 1300, 16)).isGreaterThan(0.1);
  }

  /**
   * The bound holds against the thing it bounds: Poisson onsets at a known rate, the rule "alarm
   * when k fall within w" applied to them, alarms counted once per burst.
   */
  @Test
  void theChanceRateBoundsTheAlarmsOfAPoissonBackground() {
    double perDay = 130;
    double minutes = 30;
    int k = ScanStatistic.threshold(minutes, perDay, 1, 1.0);
    double bound = ScanStatistic.chanceBurstsPerWeek(k, minutes, perDay, 1);
    SplittableRandom random = new SplittableRandom(11);
    int weeks = 400;
    double horizon = weeks * 7 * 1440.0;
    double[] window = new double[k];
    int filled = 0;
    int alarms = 0;
    double quietUntil = -1;
    for (double t = 0; t < horizon; t += -Math.log(1 - random.nextDouble()) / (perDay / 1440.0)) {
      window[filled % k] = t;
      filled++;
      double kthBack = window[filled % k];
      if (filled >= k && t - kthBack <= minutes && t > quietUntil) {
        alarms++;
        quietUntil = t + minutes;
      }
    }
    double perWeek = alarms / (double) weeks;

    assertThat(perWeek)
        .as("chance alarms a week (bound %.3f)", bound)
        .isLessThanOrEqualTo(bound * 1.1);
    assertThat(perWeek).as("the bound is conservative, not absurd").isGreaterThan(bound * 0.1);
  }
}
