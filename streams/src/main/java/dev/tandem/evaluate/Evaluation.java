package dev.tandem.evaluate;

import java.util.List;

/**
 * The scores of a set of scenarios and their totals. Totals count scored scenarios only; an
 * unscored one is listed with what it produced.
 */
public record Evaluation(List<ScenarioScore> scenarios) {

  public Evaluation {
    scenarios = List.copyOf(scenarios);
  }

  public List<ScenarioScore> scored() {
    return scenarios.stream().filter(ScenarioScore::scored).toList();
  }

  public int expectedOutages() {
    return scored().stream().mapToInt(s -> s.expectedOutages().size()).sum();
  }

  public int foundOutages() {
    return scored().stream().mapToInt(s -> s.found().size()).sum();
  }

  public int matched() {
    return scored().stream().mapToInt(s -> s.matches().size()).sum();
  }

  public int missed() {
    return scored().stream().mapToInt(s -> s.missed().size()).sum();
  }

  public int falseAlarms() {
    return scored().stream().mapToInt(s -> s.falseAlarms().size()).sum();
  }

  public PairCounts pairs() {
    return scored().stream().map(ScenarioScore::pairs).reduce(PairCounts.NONE, PairCounts::plus);
  }

  /** Over matched outages: the suspected cause is the expected one. */
  /** Expected outages found, by their number of providers, over the scored scenarios. */
  public java.util.SortedMap<Integer, Ratio> foundBySize() {
    java.util.SortedMap<Integer, Ratio> total = new java.util.TreeMap<>();
    for (ScenarioScore s : scored()) {
      s.foundBySize()
          .forEach(
              (size, r) ->
                  total.merge(
                      size,
                      r,
                      (a, b) ->
                          new Ratio(
                              a.numerator() + b.numerator(), a.denominator() + b.denominator())));
    }
    return total;
  }

  public Ratio causeAccuracy() {
    return new Ratio(scored().stream().mapToInt(ScenarioScore::causesCorrect).sum(), matched());
  }

  public Ratio finalStateAccuracy() {
    return new Ratio(
        scored().stream().mapToInt(ScenarioScore::finalStatesCorrect).sum(), matched());
  }

  /** Detection delays of all matched outages. */
  public DelaySummary detectionDelay() {
    return DelaySummary.of(scored().stream().flatMap(s -> s.delays().stream()).toList());
  }
}
