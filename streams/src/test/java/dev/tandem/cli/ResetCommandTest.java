package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem reset} without a broker: what it says it does, and what it refuses before touching
 * anything.
 */
class ResetCommandTest {

  private final CommandLineRun cli = new CommandLineRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int run(String... args) {
    return cli.execute(args);
  }

  @Test
  void helpSaysWhichTopicsAreReadAgainAndWhichAreSkipped() {
    assertThat(run("reset", "--help")).isZero();

    // Phrases, whatever the line wrapping.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .startsWith("Usage: tandem reset")
        .contains("--application-id", "--state-dir", "--config", "--dry-run", "--reprocess-updates")
        .contains("tandem.status.raw is read again from its beginning")
        .contains(
            "tandem.status.updates, which the pipeline writes and reads itself, skips its old records")
        .contains("KafkaStreams#cleanUp()");
  }

  @Test
  void theTandemCommandListsReset() {
    assertThat(run()).isZero();
    assertThat(out.toString()).contains("reset");
  }

  @Test
  void refusesToGuessTheApplicationId() {
    int code = run("reset", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: Missing required configuration 'application.id'");
  }

  @Test
  void refusesAnApplicationIdThatWouldDeleteOutsideTheStateDirectory(@TempDir Path stateDir) {
    int code =
        run(
            "reset",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--application-id",
            "..",
            "--state-dir",
            stateDir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo("tandem: application id '..' does not name a directory inside " + stateDir);
    assertThat(stateDir).isDirectory();
  }
}
