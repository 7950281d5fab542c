package dev.tandem.evaluate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one replayed scenario compares with what it should have produced.
 *
 * @param records raw records replayed
 * @param incidents incidents the pipeline tracked
 * @param expected null when the scenario is not scored (it has no expected file)
 * @param found the outages standing at the end of the replay
 * @param matches expected outages paired with found ones ({@link OutageMatching})
 */
public record ScenarioScore(
    String name,
    int records,
    int incidents,
    ExpectedOutcome expected,
    List<FoundOutage> found,
    List<OutageMatching.Match> matches) {

  public ScenarioScore {
    found = List.copyOf(found);
    matches = List.copyOf(matches);
  }

  public static ScenarioScore of(
      String name, int records, int incidents, ExpectedOutcome expected, List<FoundOutage> found) {
    List<OutageMatching.Match> matches =
        expected == null ? List.of() : OutageMatching.match(expected.outages(), found);
    return new ScenarioScore(name, records, incidents, expected, found, matches);
  }

  public boolean scored() {
    return expected != null;
  }

  public List<ExpectedOutcome.ExpectedOutage> expectedOutages() {
    return expected == null ? List.of() : expected.outages();
  }

  /** The match of a found outage (by index), or null. */
  public OutageMatching.Match matchOfFound(int found) {
    return matches.stream().filter(m -> m.found() == found).findFirst().orElse(null);
  }

  /** Expected outages that no found outage matches. */
  public List<ExpectedOutcome.ExpectedOutage> missed() {
    Set<Integer> matched = new HashSet<>();
    matches.forEach(m -> matched.add(m.expected()));
    List<ExpectedOutcome.ExpectedOutage> missed = new ArrayList<>();
    for (int i = 0; i < expectedOutages().size(); i++) {
      if (!matched.contains(i)) {
        missed.add(expectedOutages().get(i));
      }
    }
    return missed;
  }

  /** Found outages that match no expected one; an unscored scenario has none by definition. */
  public List<FoundOutage> falseAlarms() {
    if (!scored()) {
      return List.of();
    }
    List<FoundOutage> alarms = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      if (matchOfFound(i) == null) {
        alarms.add(found.get(i));
      }
    }
    return alarms;
  }

  public PairCounts pairs() {
    if (!scored()) {
      return PairCounts.NONE;
    }
    return PairCounts.of(
        expectedOutages().stream().map(ExpectedOutcome.ExpectedOutage::providers).toList(),
        found.stream().map(FoundOutage::providers).toList());
  }

  /**
   * Matched outages whose suspected cause is the expected one (no cause expected and none named
   * counts).
   */
  public int causesCorrect() {
    return (int) matches.stream().filter(this::causeCorrect).count();
  }

  public boolean causeCorrect(OutageMatching.Match m) {
    return Objects.equals(
        expectedOutages().get(m.expected()).suspectedCause(),
        found.get(m.found()).suspectedCause());
  }

  /**
   * Matched outages that ended in the expected state (any state, when the expected file names
   * none).
   */
  public int finalStatesCorrect() {
    return (int) matches.stream().filter(this::finalStateCorrect).count();
  }

  public boolean finalStateCorrect(OutageMatching.Match m) {
    String expectedState = expectedOutages().get(m.expected()).finalState();
    return expectedState == null || expectedState.equals(found.get(m.found()).finalState());
  }

  /**
   * For each size of expected outage (its number of providers): how many were found, of how many.
   */
  public java.util.SortedMap<Integer, Ratio> foundBySize() {
    java.util.SortedMap<Integer, int[]> counts = new java.util.TreeMap<>();
    Set<Integer> matched = new HashSet<>();
    matches.forEach(m -> matched.add(m.expected()));
    for (int i = 0; i < expectedOutages().size(); i++) {
      int[] c =
          counts.computeIfAbsent(expectedOutages().get(i).providers().size(), k -> new int[2]);
      c[0] += matched.contains(i) ? 1 : 0;
      c[1]++;
    }
    java.util.SortedMap<Integer, Ratio> bySize = new java.util.TreeMap<>();
    counts.forEach((size, c) -> bySize.put(size, new Ratio(c[0], c[1])));
    return bySize;
  }

  /** Detection delays of the matched outages. */
  public List<Duration> delays() {
    return matches.stream()
        .map(m -> found.get(m.found()).detectionDelay())
        .filter(Objects::nonNull)
        .toList();
  }
}
