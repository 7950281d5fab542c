package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} checks the notification settings before it reaches for the cluster: a mistake
 * is one line, exit code 1, and never shows a secret.
 */
class RunNotifySettingsTest {

  private final CommandLineRun cli = new CommandLineRun();

  @Test
  void aBadTargetIsOneLineBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("tandem.properties"),
            """
            tandem.notify.targets=chat
            tandem.notify.chat.type=slack
            tandem.notify.chat.url=https://hooks.slack.com/services/T0/B0/s3cr3t
            tandem.notify.chat.min.confidence=high
            """);

    int code =
        cli.execute(
            "run",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--schema-registry-url",
            "http://127.0.0.1:1",
            "--config",
            config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "tandem: tandem.notify.chat.min.confidence: 'high' is not a number between 0 and 1");
    assertThat(cli.err.toString()).doesNotContain("s3cr3t");
  }
}
