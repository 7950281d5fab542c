package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutageMatchingTest {

  private static ExpectedOutcome.ExpectedOutage expected(String... providers) {
    return new ExpectedOutcome.ExpectedOutage(List.of(providers), null, "RESOLVED");
  }

  private static FoundOutage found(String... providers) {
    return new FoundOutage(
        "id-" + String.join("-", providers), List.of(providers), null, "RESOLVED", 0.9, null, null);
  }

  @Test
  void matchesAnOutageWithTheSameProviders() {
    assertThat(
            OutageMatching.match(
                List.of(expected("fastly", "reddit")), List.of(found("reddit", "fastly"))))
        .containsExactly(new OutageMatching.Match(0, 0, 1.0));
  }

  @Test
  void matchesAtHalfTheProvidersInCommonButNotBelow() {
    assertThat(
            OutageMatching.match(List.of(expected("a", "b", "c")), List.of(found("a", "b", "d"))))
        .as("2 shared of 4 in all")
        .singleElement()
        .extracting(OutageMatching.Match::jaccard)
        .isEqualTo(0.5);
    assertThat(OutageMatching.match(List.of(expected("a", "b", "c")), List.of(found("a", "d"))))
        .as("1 shared of 4 in all")
        .isEmpty();
  }

  @Test
  void pairsTheBestOverlapsFirstAndUsesEachOutageOnce() {
    List<OutageMatching.Match> matches =
        OutageMatching.match(
            List.of(expected("a", "b", "c", "d"), expected("a", "b")),
            List.of(found("a", "b"), found("a", "b", "c")));

    assertThat(matches)
        .containsExactly(new OutageMatching.Match(0, 1, 0.75), new OutageMatching.Match(1, 0, 1.0));
  }

  @Test
  void leavesAFoundOutageUnmatchedWhenTwoCompeteForOneExpected() {
    List<OutageMatching.Match> matches =
        OutageMatching.match(
            List.of(expected("a", "b", "c")), List.of(found("a", "b"), found("a", "b", "c")));

    assertThat(matches).containsExactly(new OutageMatching.Match(0, 1, 1.0));
  }
}
