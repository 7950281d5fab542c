package dev.tandem.evaluate;

import dev.tandem.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays each scenario on its own fresh pipeline and scores what came out against what should
 * have.
 */
public final class Evaluator {

  private final OfflineReplay replay;

  public Evaluator(OfflineReplay replay) {
    this.replay = replay;
  }

  public Evaluation evaluate(List<ScenarioCase> cases) {
    return evaluate(cases, score -> {});
  }

  /**
   * @param onScored called with each scenario's score as soon as it is known, in order
   */
  public Evaluation evaluate(List<ScenarioCase> cases, Consumer<ScenarioScore> onScored) {
    List<ScenarioScore> scores = new ArrayList<>();
    for (ScenarioCase c : cases) {
      ScenarioScore score = score(c);
      scores.add(score);
      onScored.accept(score);
    }
    return new Evaluation(scores);
  }

  public ScenarioScore score(ScenarioCase c) {
    // Scenarios never share a pipeline: one scenario's incidents must not teach another its rates.
    ReplayOutcome outcome = replay.replay(Scenario.records(List.of(c.scenario())));
    return ScenarioScore.of(
        c.name(),
        c.scenario().envelopes().size(),
        outcome.incidents().size(),
        c.expected(),
        FoundOutage.allIn(outcome));
  }
}
