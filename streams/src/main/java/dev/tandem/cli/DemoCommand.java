package dev.tandem.cli;

import dev.tandem.demo.Demo;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.scenario.Scenario;
import dev.tandem.serve.HttpLayer;
import dev.tandem.serve.PipelineServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
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
          + " (real incident timelines) through it, prints each correlated-outage change, and exits"
          + " (with --serve: serves the dashboard until stopped).",
      "Logs go to stderr; stdout carries only the results."
    })
final class DemoCommand implements Callable<Integer> {

  /** The demo serves this machine only: it is a look at Tandem, not a deployment. */
  private static final String LOOPBACK = "127.0.0.1";

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

  @Option(
      names = "--serve",
      description =
          "After the replay, keep everything up and serve the dashboard and the HTTP API until"
              + " Ctrl-C or SIGTERM.")
  boolean serve;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Port of the dashboard and the API with --serve (default 8080; 0: any free).")
  int httpPort = 8080;

  // The demo's data is the bundled replay and it has no credentials: loopback unless asked, and
  // then said plainly. In a container, loopback is out of reach of a published port.
  @Option(
      names = "--http-host",
      paramLabel = "HOST",
      description =
          "Address the dashboard listens on with --serve (default 127.0.0.1; 0.0.0.0 in a"
              + " container, to publish the port). No credentials: anyone who reaches it sees"
              + " the demo.")
  String httpHost = LOOPBACK;

  @Override
  public Integer call() throws Exception {
    List<Scenario> scenarios =
        scenariosDir == null ? Scenario.bundled() : Scenario.fromDirectory(scenariosDir);
    Demo demo = new Demo(spec.commandLine().getOut(), json, incidents);
    if (!serve) {
      demo.run(scenarios);
      return 0;
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--http-port must be from 0 to 65535, not " + httpPort);
    }
    try (ShutdownSignal signal = new ShutdownSignal("tandem-demo-stop");
        // Bound before the replay: a busy port is one line at once, not after half a minute.
        HttpLayer http = bind(httpHost, httpPort)) {
      demo.run(scenarios, (streams, config) -> serveUntilStopped(http, streams, config, signal));
    }
    return 0;
  }

  private void serveUntilStopped(
      HttpLayer http, KafkaStreams streams, TandemConfig config, ShutdownSignal signal)
      throws java.io.IOException {
    PipelineServer.routeOn(http, streams, config).start();
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "tandem: dashboard at http://"
            + httpHost
            + ":"
            + http.port()
            + "/"
            + (LOOPBACK.equals(httpHost)
                ? ""
                : " (no credentials: anyone who reaches this address sees the demo)"));
    err.println("tandem: demo running; Ctrl-C or SIGTERM stops it");
    err.flush();
    try {
      signal.await();
    } catch (InterruptedException e) {
      // Whoever runs the command in-process stops it this way: a stop like Ctrl-C, then the
      // pipeline, the registry and the broker close in order.
    } finally {
      // Before the pipeline and the broker: its event stream reads from them.
      http.close();
    }
  }

  private static HttpLayer bind(String host, int port) {
    try {
      return new HttpLayer(host, port, "tandem-http");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot serve the dashboard on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (choose another with --http-host or --http-port; port 0 picks a free one)",
          e);
    }
  }
}
