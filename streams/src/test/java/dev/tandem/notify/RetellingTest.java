package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.OutageState;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetellingTest {

  private final Retelling retelling = new Retelling();

  @Test
  void aNewVersionThatReadsTheSameIsARepeatUntilWhatPeopleReadChanges() {
    tell(Outages.fastly(OutageState.OPEN, 1));

    assertThat(repeats(Outages.fastly(OutageState.UPDATED, 2))).isTrue();
    assertThat(repeats(withConfidence(Outages.fastly(OutageState.UPDATED, 3), 0.9712)))
        .as("0.97 to two places, as people read it")
        .isTrue();
    assertThat(repeats(withConfidence(Outages.fastly(OutageState.UPDATED, 4), 0.91))).isFalse();
    assertThat(
            repeats(
                Outages.outage(
                    "fastly-cfdcefd7c4e1",
                    OutageState.UPDATED,
                    5,
                    0.97,
                    "fastly",
                    "amazon",
                    "fastly",
                    "github",
                    "reddit")))
        .as("a provider joined")
        .isFalse();
    assertThat(repeats(Outages.fastly(OutageState.RESOLVED, 6))).as("the end").isFalse();
  }

  @Test
  void aResolvedOutageRevisedBehindTheScenesIsToldOnce() {
    tell(Outages.fastly(OutageState.OPEN, 1));
    tell(Outages.fastly(OutageState.RESOLVED, 2));

    CorrelatedOutage revised =
        CorrelatedOutage.newBuilder(Outages.fastly(OutageState.RESOLVED, 3))
            .setExplanation(List.of("background rates moved"))
            .setCoincidenceProbability(0.0004)
            .build();
    assertThat(repeats(revised)).isTrue();
    assertThat(retelling.wouldRepeat(OutageNotice.retraction("fastly-cfdcefd7c4e1"))).isFalse();
  }

  @Test
  void anOutageNeverToldOrForgottenIsToldAgain() {
    assertThat(repeats(Outages.fastly(OutageState.RESOLVED, 9))).isFalse();

    tell(Outages.fastly(OutageState.OPEN, 1));
    for (int i = 0; i < Retelling.REMEMBERED; i++) {
      retelling.told(
          Outages.notice(
              Outages.outage("other-" + i, OutageState.OPEN, 1, 0.5, "aws", "aws", "slack")));
    }
    assertThat(repeats(Outages.fastly(OutageState.UPDATED, 2)))
        .as("memory is bounded: the oldest outage was forgotten")
        .isFalse();
  }

  private void tell(CorrelatedOutage outage) {
    retelling.told(Outages.notice(outage));
  }

  private boolean repeats(CorrelatedOutage outage) {
    return retelling.wouldRepeat(Outages.notice(outage));
  }

  private static CorrelatedOutage withConfidence(CorrelatedOutage outage, double confidence) {
    return CorrelatedOutage.newBuilder(outage).setConfidence(confidence).build();
  }
}
