package dev.tandem.cli;

import dev.tandem.demo.Demo;
import dev.tandem.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem demo}: everything on this machine, no setup: a broker, a registry, the pipeline,
 * and real incident timelines replayed through it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a Kafka broker and a schema registry in-process, runs the pipeline, replays the bundled scenarios"
          + " (real incident timelines) through it, prints each correlated-outage change, and exits.",
      "Logs go to stderr; stdout carries only the results."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description =
          "Print one JSON object per outage change (and incident) instead of readable lines.")
  boolean json;

  @Option(names = "--incidents", description = "Also print the final state of every incident.")
  boolean incidents;

  @Option(
      names = "--scenarios",
      paramLabel = "DIR",
      description = "Replay the *.jsonl scenario files of DIR instead of the bundled ones.")
  Path scenariosDir;

  @Override
  public Integer call() throws Exception {
    List<Scenario> scenarios =
        scenariosDir == null ? Scenario.bundled() : Scenario.fromDirectory(scenariosDir);
    new Demo(spec.commandLine().getOut(), json, incidents).run(scenarios);
    return 0;
  }
}
