package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pipeline.TandemConfig;
import dev.tandem.testing.CommandLineRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brokers that cannot be reached (a closed port on 127.0.0.1): every command that connects says so
 * in one line naming the servers, within {@code tandem.connect.timeout.ms} (2 s here) and a margin.
 */
class UnreachableBrokersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Room for the rest of a command: parsing, reading files, the TCP probe. */
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @TempDir Path dir;
  private String brokers;
  private String expected;
  private Path clientConfig;
  private Path tandemConfig;

  @BeforeEach
  void closedPortAndShortTimeout() throws IOException {
    int port = closedPort();
    brokers = "127.0.0.1:" + port;
    expected =
        "tandem: cannot reach the Kafka brokers at "
            + brokers
            + " within 2 s ("
            + brokers
            + ": connection refused)";
    clientConfig =
        Files.writeString(dir.resolve("client.properties"), "tandem.connect.timeout.ms=2000\n");
    tandemConfig =
        Files.writeString(
            dir.resolve("tandem.properties"),
            "tandem.connect.timeout.ms=2000\nstate.dir=" + dir.resolve("state") + "\n");
  }

  @Test
  void publish() throws IOException {
    Path input = Files.writeString(dir.resolve("updates.jsonl"), "{\"provider\":\"openai\"}\n");

    assertOneLineWithinTheTimeout(
        "publish",
        "--bootstrap-servers",
        brokers,
        "--config",
        clientConfig.toString(),
        input.toString());
  }

  @Test
  void flagsRenamedThisReleaseStillWorkWithADeprecationLine() throws IOException {
    Path input = Files.writeString(dir.resolve("updates.jsonl"), "{\"provider\":\"openai\"}\n");
    CommandLineRun publish = new CommandLineRun();

    int code =
        publish.execute(
            "publish",
            "--bootstrap-servers",
            brokers,
            "--command-config",
            clientConfig.toString(),
            input.toString());

    assertThat(code).isEqualTo(1);
    assertThat(publish.err.toString().lines())
        .containsExactly(
            "tandem: --command-config is deprecated and goes in the next release; use --config "
                + clientConfig,
            expected);

    // collect --config named the providers file: a YAML file given so is read as one.
    Path noProviders = Files.writeString(dir.resolve("providers.yaml"), "defaults: {}\n");
    CommandLineRun collect = new CommandLineRun();

    code =
        collect.execute(
            "collect",
            "--bootstrap-servers",
            brokers,
            "--config",
            noProviders.toString(),
            "--command-config",
            clientConfig.toString());

    assertThat(code).isEqualTo(1);
    assertThat(collect.err.toString().lines())
        .containsExactly(
            "tandem: collect --config for the providers file is deprecated and goes in the next"
                + " release; use --providers "
                + noProviders
                + " (--config names a properties file, as for every command)",
            "tandem: --command-config is deprecated and goes in the next release; use --config "
                + clientConfig,
            "tandem: "
                + noProviders
                + " needs a 'providers:' list or a 'watch:' list of the bundled catalog's ids");
  }

  @Test
  void collect() {
    assertOneLineWithinTheTimeout(
        "collect", "--bootstrap-servers", brokers, "--config", clientConfig.toString());
  }

  @Test
  void collectOnce() {
    assertOneLineWithinTheTimeout(
        "collect", "--once", "--bootstrap-servers", brokers, "--config", clientConfig.toString());
  }

  @Test
  void run() throws IOException {
    assertOneLineWithinTheTimeout(
        "run",
        "--bootstrap-servers",
        brokers,
        "--schema-registry-url",
        "http://127.0.0.1:" + closedPort(),
        "--config",
        tandemConfig.toString());
  }

  @Test
  void reset() {
    assertOneLineWithinTheTimeout(
        "reset",
        "--bootstrap-servers",
        brokers,
        "--application-id",
        "tandem-test",
        "--config",
        tandemConfig.toString());
  }

  @Test
  void explainFromACluster() throws IOException {
    assertOneLineWithinTheTimeout(
        "explain",
        "openai",
        "2024-12-11T23:30:00Z",
        "--bootstrap-servers",
        brokers,
        "--schema-registry-url",
        "http://127.0.0.1:" + closedPort(),
        "--config",
        tandemConfig.toString());
  }

  @Test
  void aTimeoutThatIsNotANumberIsOneLine() throws IOException {
    Path config =
        Files.writeString(dir.resolve("bad.properties"), "tandem.connect.timeout.ms=soon\n");
    CommandLineRun cli = new CommandLineRun();

    int code =
        cli.execute("collect", "--bootstrap-servers", brokers, "--config", config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "tandem: Invalid value soon for configuration tandem.connect.timeout.ms: Not a number of type LONG");
  }

  @Test
  void theTimeoutIsFifteenSecondsUnlessSet() {
    assertThat(new TandemConfig(Map.of()).connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(new TandemConfig(Map.of("tandem.connect.timeout.ms", " 2500 ")).connectTimeout())
        .isEqualTo(Duration.ofMillis(2500));
  }

  private void assertOneLineWithinTheTimeout(String... args) {
    CommandLineRun cli = new CommandLineRun();
    long start = System.nanoTime();

    int code = cli.execute(args);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(code).as(cli.err.toString()).isEqualTo(1);
    assertThat(cli.err.toString().lines()).singleElement().asString().isEqualTo(expected);
    assertThat(took)
        .as("gave up after the timeout, not much later")
        .isLessThan(TIMEOUT.plus(MARGIN));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
