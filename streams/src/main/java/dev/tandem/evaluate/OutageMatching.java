package dev.tandem.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pairs expected outages with found ones by how much their provider sets overlap: Jaccard
 * similarity |E ∩ F| / |E ∪ F| of at least {@link #MIN_JACCARD}, best pairs first, each outage used
 * at most once (greedy; ties go to the earlier expected, then the earlier found outage).
 */
public final class OutageMatching {

  /**
   * 0.5: a found outage that holds most of the expected providers (3 of 4, or the expected 2 plus
   * one more) is the same event, reported a little wider or narrower; pairwise recall and precision
   * then measure the difference. Less overlap than that is a different event.
   */
  public static final double MIN_JACCARD = 0.5;

  /** An expected outage (by index) matched to a found one (by index). */
  public record Match(int expected, int found, double jaccard) {}

  private OutageMatching() {}

  public static List<Match> match(
      List<ExpectedOutcome.ExpectedOutage> expected, List<FoundOutage> found) {
    List<Match> candidates = new ArrayList<>();
    for (int e = 0; e < expected.size(); e++) {
      for (int f = 0; f < found.size(); f++) {
        double j = jaccard(expected.get(e).providers(), found.get(f).providers());
        if (j >= MIN_JACCARD) {
          candidates.add(new Match(e, f, j));
        }
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Match::jaccard)
            .reversed()
            .thenComparingInt(Match::expected)
            .thenComparingInt(Match::found));
    Set<Integer> usedExpected = new HashSet<>();
    Set<Integer> usedFound = new HashSet<>();
    List<Match> matches = new ArrayList<>();
    for (Match m : candidates) {
      if (!usedExpected.contains(m.expected()) && !usedFound.contains(m.found())) {
        usedExpected.add(m.expected());
        usedFound.add(m.found());
        matches.add(m);
      }
    }
    matches.sort(Comparator.comparingInt(Match::expected));
    return matches;
  }

  public static double jaccard(List<String> a, List<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 0;
    }
    Set<String> common = new HashSet<>(a);
    common.retainAll(new HashSet<>(b));
    return (double) common.size() / union.size();
  }
}
