package dev.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pid file left by a killed run leads to that run's registry and to nothing else. Stand-in
 * processes are {@code tail -f}, whose arguments can carry the registry's mark.
 */
class RegistryPidFileTest {

  @TempDir Path workDir;

  private Process standIn;

  @AfterEach
  void stopStandIn() {
    if (standIn != null) {
      standIn.destroyForcibly();
    }
  }

  @Test
  void stopsTheRegistryALeftoverPidFileNames() throws IOException {
    standIn = tail("/tmp/" + RegistryPidFile.COMMAND_MARK + "-3.0.9-runner.jar");
    RegistryPidFile pidFile = new RegistryPidFile(workDir);
    pidFile.write(standIn.pid());

    assertThat(pidFile.stopStaleRegistry(Duration.ofSeconds(10))).contains(standIn.pid());

    assertThat(standIn.isAlive()).isFalse();
    assertThat(pidFile.path()).doesNotExist();
  }

  @Test
  void leavesAloneAProcessThatReusedTheRecordedPid() throws IOException {
    standIn = tail("/tmp/something-else");
    RegistryPidFile pidFile = new RegistryPidFile(workDir);
    pidFile.write(standIn.pid());

    assertThat(pidFile.stopStaleRegistry(Duration.ofSeconds(10))).isEmpty();

    assertThat(standIn.isAlive()).isTrue();
    assertThat(pidFile.path()).doesNotExist();
  }

  @Test
  void ignoresAPidFileItCannotRead() throws IOException {
    RegistryPidFile pidFile = new RegistryPidFile(workDir);
    Files.writeString(pidFile.path(), "not a pid");

    assertThat(pidFile.stopStaleRegistry(Duration.ofSeconds(10))).isEmpty();
    assertThat(pidFile.path()).doesNotExist();
  }

  @Test
  void keepsAFileThatANewerRegistryRewrote() {
    RegistryPidFile pidFile = new RegistryPidFile(workDir);
    pidFile.write(42);

    pidFile.deleteIfRecords(41);

    assertThat(pidFile.path()).content().isEqualToIgnoringWhitespace("42");
  }

  /**
   * {@code tail -f} on /dev/null runs until stopped; the second, missing file only shows up in its
   * arguments.
   */
  private static Process tail(String missingFile) throws IOException {
    return new ProcessBuilder("tail", "-f", "/dev/null", missingFile)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
