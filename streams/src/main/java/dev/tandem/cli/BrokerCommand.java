package dev.tandem.cli;

import dev.tandem.embedded.EmbeddedStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem broker}: a real single-node KRaft broker in this JVM and Apicurio Registry beside
 * it as a child process, for trying Tandem or developing against it without installing Kafka.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a single-node Kafka broker (KRaft, in-process) and a Confluent-compatible schema registry"
          + " (Apicurio Registry, schemas stored in Kafka), prints their addresses and runs until Ctrl-C."
    })
final class BrokerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "9092",
      description =
          "Kafka listener port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--registry-port",
      paramLabel = "N",
      defaultValue = "8081",
      description =
          "Schema registry HTTP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--data-dir",
      paramLabel = "D",
      description =
          "Directory for the broker's log and the registry's files; kept across runs."
              + " Default: a temporary directory removed on exit.")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    validatePort("--port", port);
    validatePort("--registry-port", registryPort);
    PrintWriter out = spec.commandLine().getOut();
    try (ShutdownSignal signal = new ShutdownSignal("tandem-broker-stop");
        EmbeddedStack stack = new EmbeddedStack(dataDir, port, registryPort).start()) {
      out.println("bootstrap.servers=" + stack.bootstrapServers());
      out.println("schema.registry.url=" + stack.registryUrl());
      out.println("Press Ctrl-C to stop.");
      out.flush();
      signal.await();
    }
    return 0;
  }

  private void validatePort(String flag, int value) {
    if (value < 0 || value > 65535) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid value for option '" + flag + "': " + value + " is not a port (0-65535)");
    }
  }
}
