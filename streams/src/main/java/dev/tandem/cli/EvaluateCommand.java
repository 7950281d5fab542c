package dev.tandem.cli;

import dev.tandem.evaluate.Evaluation;
import dev.tandem.evaluate.EvaluationReport;
import dev.tandem.evaluate.Evaluator;
import dev.tandem.evaluate.OfflineReplay;
import dev.tandem.evaluate.ScenarioCase;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem evaluate}: how well Tandem's correlation does on scenarios whose right answer is
 * known. Each scenario runs through the real topology offline (no broker), on its own.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Replays every scenario of DIR (each NAME.jsonl, with NAME.expected.json when there is one) through the pipeline,"
          + " offline and each on its own, and compares the outages found with the expected ones: per scenario, then"
          + " pairwise precision, recall and F1 over provider pairs, cause accuracy, false alarms and detection delay.",
      "Without DIR, the bundled scenarios. Scenarios without an expected file are replayed and listed, not scored."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Directory of *.jsonl scenarios (default: the bundled ones).")
  Path dir;

  @Option(names = "--json", description = "Print one JSON document instead of readable lines.")
  boolean json;

  @Option(
      names = "--dependencies",
      paramLabel = "FILE",
      description = "YAML dependency graph replacing the shipped one.")
  Path dependencies;

  @Mixin SettingsFile settings;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new HashMap<>();
    flags.put("tandem.dependencies", dependencies == null ? null : dependencies.toString());
    TandemConfig config = settings.load(flags);
    // Figures must be reproducible: say which settings came from the environment.
    PrintWriter err = spec.commandLine().getErr();
    for (String variable : new TreeSet<>(System.getenv().keySet())) {
      Optional<String> key = TandemSettings.keyOf(variable).filter(TandemSettings::isTandemKey);
      if (key.isPresent()) {
        err.println(
            "tandem: evaluating with "
                + key.get()
                + "="
                + config.values().get(key.get())
                + " (from "
                + variable
                + ")");
      }
    }
    OfflineReplay replay =
        new OfflineReplay(config.correlation(), config.dependencies(), config.dedupeRetention());
    List<ScenarioCase> cases =
        dir == null ? ScenarioCase.bundled() : ScenarioCase.fromDirectory(dir);
    PrintWriter out = spec.commandLine().getOut();
    Evaluator evaluator = new Evaluator(replay);
    if (json) {
      out.print(EvaluationReport.json(evaluator.evaluate(cases)));
    } else {
      Evaluation evaluation =
          evaluator.evaluate(
              cases,
              score -> {
                out.print(EvaluationReport.text(score));
                out.flush();
              });
      out.print(EvaluationReport.totals(evaluation));
    }
    out.flush();
    return 0;
  }
}
