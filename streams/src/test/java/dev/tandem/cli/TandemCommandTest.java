package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TandemCommandTest {

  private final CommandLineRun cli = new CommandLineRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int run(String... args) {
    return cli.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "run", "broker", "publish"})
  void everyCommandHasHelp(String command) {
    int code = command.isEmpty() ? run("--help") : run(command, "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("Usage: tandem").contains("--help");
  }

  @Test
  void bareTandemListsItsCommands() {
    assertThat(run()).isZero();
    assertThat(out.toString()).contains("broker").contains("publish");
  }

  @Test
  void anUnknownFlagIsOneLineAndExitCodeTwo() {
    int code = run("broker", "--prot", "9092");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: Unknown option")
        .contains("'--prot'")
        .endsWith("(see 'tandem broker --help')");
  }

  @Test
  void aBadValueIsOneLine() {
    assertThat(run("broker", "--port", "ninety")).isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("'--port'")
        .contains("ninety");
  }

  @Test
  void aPortOutOfRangeIsRefusedBeforeAnythingStarts() {
    assertThat(run("broker", "--port", "70000")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("70000 is not a port");
  }

  @Test
  void publishNeedsBootstrapServers() {
    assertThat(run("publish", "-")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--bootstrap-servers");
  }

  @Test
  void publishRefusesAnUnknownFormat() {
    assertThat(run("publish", "--bootstrap-servers", "127.0.0.1:1", "--format", "yaml", "x.jsonl"))
        .isEqualTo(2);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .contains("'yaml'")
        .contains("statuspage");
  }

  @Test
  void publishOfAMissingFileIsOneLineAndExitCodeOne(@TempDir Path dir) {
    int code =
        run("publish", "--bootstrap-servers", "127.0.0.1:1", dir.resolve("nope.jsonl").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: no such file:")
        .endsWith("nope.jsonl");
  }

  @Test
  void versionNamesTandem() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("tandem ");
  }

  @Test
  void runWithoutABrokerSaysWhichSettingIsMissing() {
    int code = run("run", "--schema-registry-url", "http://127.0.0.1:1");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: Missing required configuration 'bootstrap.servers'")
        .contains("TANDEM_BOOTSTRAP_SERVERS");
  }

  @Test
  void demoOfAMissingScenarioDirectoryIsOneLine(@TempDir Path dir) {
    int code = run("demo", "--scenarios", dir.resolve("nowhere").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: not a directory:");
  }

  @Test
  void explainSaysWhyMetaAndOpenAiWereNotLinked() {
    int code = run("explain", "openai", "2024-12-11T23:30:00Z");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("openai's episode started at 2024-12-11T23:16:00Z")
        .contains(
            "meta started at 2024-12-11T17:40:00Z, 5.6 h before openai: beyond the 30 min window")
        .contains("not linked: no other provider's episode started within the window");
  }

  @Test
  void explainRefusesAMomentItCannotRead() {
    assertThat(run("explain", "openai", "yesterday")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("'yesterday'");
  }
}
