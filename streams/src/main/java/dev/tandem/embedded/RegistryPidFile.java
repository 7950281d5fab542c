package dev.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry.pid file in a registry's work directory: it lets the next start find and stop a
 * registry that an earlier, killed Tandem left running (shutdown hooks do not run on SIGKILL).
 */
final class RegistryPidFile {

  private static final Logger log = LoggerFactory.getLogger(RegistryPidFile.class);

  /** Seen in the command line of every registry process we start, and of nothing else. */
  static final String COMMAND_MARK = "apicurio-registry-app";

  private final Path file;

  RegistryPidFile(Path workDir) {
    this.file = workDir.resolve("registry.pid");
  }

  Path path() {
    return file;
  }

  void write(long pid) {
    try {
      Files.writeString(file, pid + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  /**
   * Deletes the file if it still names {@code pid}: a newer registry may have taken the directory
   * over.
   */
  void deleteIfRecords(long pid) {
    if (recordedPid().filter(recorded -> recorded == pid).isPresent()) {
      delete();
    }
  }

  private void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete {}", file, e);
    }
  }

  /**
   * Stops the process the file names if it is still alive and is a registry; a pid reused by an
   * unrelated process is left alone. Returns the pid of the process it stopped.
   */
  Optional<Long> stopStaleRegistry(Duration gracePeriod) {
    Optional<Long> pid = recordedPid();
    Optional<ProcessHandle> stale =
        pid.flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(RegistryPidFile::isRegistry);
    stale.ifPresent(
        process -> {
          log.warn(
              "Stopping schema registry pid {} left running by an earlier run (pid file {})",
              process.pid(),
              file);
          stop(process, gracePeriod);
        });
    delete();
    return stale.map(ProcessHandle::pid);
  }

  private Optional<Long> recordedPid() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()));
    } catch (IOException | NumberFormatException e) {
      log.warn("Ignoring unreadable pid file {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean isRegistry(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    String commandLine =
        info.commandLine()
            .orElseGet(() -> String.join(" ", info.arguments().orElse(new String[0])));
    return commandLine.contains(COMMAND_MARK);
  }

  /** SIGTERM first so the registry closes its Kafka clients; SIGKILL if it takes too long. */
  static void stop(ProcessHandle process, Duration gracePeriod) {
    CompletableFuture<ProcessHandle> exited = process.onExit();
    process.destroy();
    if (!awaitExit(exited, gracePeriod)) {
      log.warn(
          "Schema registry pid {} did not stop within {} s; killing it",
          process.pid(),
          gracePeriod.toSeconds());
      process.destroyForcibly();
      if (!awaitExit(exited, Duration.ofSeconds(10))) {
        log.error("Schema registry pid {} survived SIGKILL", process.pid());
      }
    }
  }

  private static boolean awaitExit(CompletableFuture<ProcessHandle> exited, Duration timeout) {
    try {
      exited.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
