package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

  @Test
  void showsDurationsTheWayAnOnCallEngineerSaysThem() {
    assertThat(EvaluationReport.duration(Duration.ZERO)).isEqualTo("0 s");
    assertThat(EvaluationReport.duration(Duration.ofSeconds(270))).isEqualTo("4 min 30 s");
    assertThat(EvaluationReport.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
    assertThat(EvaluationReport.duration(null)).isEqualTo("-");
  }

  @Test
  void showsAScoreWithItsCountsAndNothingToMeasureAsNotApplicable() {
    assertThat(EvaluationReport.ratio(new Ratio(12, 13))).isEqualTo("0.923 (12/13)");
    assertThat(EvaluationReport.ratio(new Ratio(0, 0))).isEqualTo("n/a (0/0)");
  }
}
