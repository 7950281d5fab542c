package dev.tandem.evaluate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pairwise agreement between found and expected outages: every unordered pair of providers that
 * share an outage is one claim "these two failed together". Counts add up over scenarios
 * (micro-averaging), so a big outage weighs more than a small one, as it should: it makes more
 * claims.
 *
 * @param found distinct pairs in found outages
 * @param expected distinct pairs in expected outages
 * @param correct pairs in both
 */
public record PairCounts(int found, int expected, int correct) {

  public static final PairCounts NONE = new PairCounts(0, 0, 0);

  /** Compares the pairs of one scenario's found outages with those of its expected ones. */
  public static PairCounts of(List<List<String>> expectedOutages, List<List<String>> foundOutages) {
    Set<String> expected = pairs(expectedOutages);
    Set<String> found = pairs(foundOutages);
    Set<String> correct = new HashSet<>(found);
    correct.retainAll(expected);
    return new PairCounts(found.size(), expected.size(), correct.size());
  }

  public PairCounts plus(PairCounts other) {
    return new PairCounts(found + other.found, expected + other.expected, correct + other.correct);
  }

  public Ratio precision() {
    return new Ratio(correct, found);
  }

  public Ratio recall() {
    return new Ratio(correct, expected);
  }

  /** The harmonic mean of precision and recall, which is 2·correct / (found + expected). */
  public Ratio f1() {
    return new Ratio(2 * correct, found + expected);
  }

  private static Set<String> pairs(List<List<String>> outages) {
    Set<String> pairs = new HashSet<>();
    for (List<String> providers : outages) {
      List<String> sorted = providers.stream().distinct().sorted().toList();
      for (int i = 0; i < sorted.size(); i++) {
        for (int j = i + 1; j < sorted.size(); j++) {
          pairs.add(sorted.get(i) + " " + sorted.get(j));
        }
      }
    }
    return pairs;
  }
}
