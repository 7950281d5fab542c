package dev.tandem.cli;

import dev.tandem.notify.Notifications;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemSettings;
import dev.tandem.serve.HttpAccess;
import dev.tandem.serve.HttpLayer;
import dev.tandem.serve.PipelineServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem run}: the pipeline against a real Kafka cluster and a Confluent-compatible
 * registry, until SIGTERM or Ctrl-C. Start more instances with the same application id to share the
 * work.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Tandem pipeline against a Kafka cluster (any Kafka >= 3.x) and a Confluent-compatible schema registry,"
          + " creating missing topics first. Stops cleanly on SIGTERM or Ctrl-C.",
      "Any Kafka Streams or client property can be set in --config FILE or as an environment variable"
          + " TANDEM_<NAME> (TANDEM_BOOTSTRAP_SERVERS is bootstrap.servers); flags win over both.",
      "Exits with 1 and one line on stderr when the brokers or the registry do not answer within"
          + " tandem.connect.timeout.ms (15000), and when the pipeline stops on its own: after"
          + " tandem.registry.max.failures (3) pipeline threads in a row failed because the registry could not be reached."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Mixin RegistryOption registry;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description = "Kafka Streams application.id (default: tandem).")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Kafka Streams state.dir for the RocksDB stores.")
  Path stateDir;

  @Option(
      names = "--dependencies",
      paramLabel = "FILE",
      description = "YAML dependency graph replacing the shipped one.")
  Path dependencies;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Partitions of topics Tandem creates (default 3).")
  Integer partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description = "Replication factor of topics Tandem creates (default: the broker's).")
  Short replicationFactor;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Port of the HTTP API and health checks (default 8080; 0: any free port; -1: none).")
  Integer httpPort;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    registry.addTo(flags);
    flags.put("application.id", applicationId);
    flags.put("state.dir", stateDir == null ? null : stateDir.toString());
    flags.put("tandem.dependencies", dependencies == null ? null : dependencies.toString());
    flags.put("tandem.topic.partitions", partitions == null ? null : partitions.toString());
    flags.put(
        "tandem.topic.replication.factor",
        replicationFactor == null ? null : replicationFactor.toString());
    flags.put(TandemSettings.HTTP_PORT, httpPort == null ? null : httpPort.toString());
    TandemConfig config = cluster.load(flags);
    config.required("bootstrap.servers");
    config.required("schema.registry.url");
    HostInfo advertised = config.advertisedServer();
    // With application.server set and no port of its own, the API listens where it is advertised.
    int port =
        advertised != null && !config.values().containsKey(TandemSettings.HTTP_PORT)
            ? advertised.port()
            : config.httpPort();
    // Read before the pipeline starts: a bad graph or credential is one line, not a failed start.
    config.dependencies();
    HttpAccess access = HttpAccess.from(config);
    String host = access.listenHost(config);
    // Checked before the pipeline starts too: a bad notification setting is one line.
    Notifications notifications = Notifications.prepare(config);
    // Bound once the brokers and the registry have answered: a busy port must not hide the
    // one-line message for an unreachable cluster.
    java.util.concurrent.atomic.AtomicReference<HttpLayer> http =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (ShutdownSignal signal = new ShutdownSignal("tandem-run-stop")) {
      TandemApp app;
      try {
        app =
            TandemApp.start(
                config,
                Duration.ofMinutes(5),
                signal::requested,
                streams -> {
                  if (port >= 0) {
                    http.set(serve(host, port, access));
                    try {
                      PipelineServer.routeOn(http.get(), streams, config).start();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                    spec.commandLine()
                        .getErr()
                        .println(
                            "tandem: HTTP API at http://"
                                + host
                                + ":"
                                + http.get().port()
                                + "/api/outages (health: /health/ready)");
                    spec.commandLine().getErr().flush();
                  }
                });
      } catch (TandemApp.StartCancelled stopped) {
        return 0;
      }
      try (app;
          Notifications notifying = notifications.start()) {
        notifying
            .shownTargets()
            .forEach(target -> spec.commandLine().getErr().println("tandem: notifying " + target));
        runUntilStopped(app, signal);
      }
    } finally {
      if (http.get() != null) {
        http.get().close();
      }
    }
    return 0;
  }

  private static HttpLayer serve(String host, int port, HttpAccess access) {
    try {
      return new HttpLayer(host, port, "tandem-http", access);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot serve the HTTP API on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (choose another with --http-port or tandem.http.port; -1 turns it off)",
          e);
    }
  }

  /**
   * Until Ctrl-C or SIGTERM; a pipeline that stops on its own (state ERROR) is a failure of the
   * run.
   */
  private void runUntilStopped(TandemApp app, ShutdownSignal signal) throws InterruptedException {
    spec.commandLine()
        .getErr()
        .println(
            "tandem: pipeline " + app.applicationId() + " running; Ctrl-C or SIGTERM stops it");
    spec.commandLine().getErr().flush();
    while (!signal.await(Duration.ofMillis(250))) {
      if (app.awaitStopped(Duration.ZERO)) {
        throw new IllegalStateException(
            "pipeline " + app.applicationId() + " stopped: " + app.failure());
      }
    }
  }
}
