package dev.tandem.testing;

import dev.tandem.pipeline.TandemConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * {@code tandem run} in a JVM of its own, as an operator runs it, so a test can {@code kill -9} it
 * and start it again on the same state directory. Everything it prints goes to one log file, {@code
 * target/tandem-process/APPLICATION_ID.log}, that every start appends to, so a failed test shows
 * the whole story.
 */
public final class TandemProcess implements AutoCloseable {

  /** What {@code tandem run} prints on stderr once the pipeline is RUNNING. */
  private static final String RUNNING_LINE = "tandem: pipeline ";

  private final List<String> command;
  private final Path log;
  private Process process;
  private long startedAt;
  private long logOffset;

  /**
   * @param config the pipeline's settings (topics, application id, state dir, brokers, registry)
   * @param work where the settings file goes
   */
  public TandemProcess(TandemConfig config, Path work) {
    // Under target/, not the temporary directory: kept for whoever reads a failure.
    this.log =
        Path.of("target", "tandem-process", config.values().get("application.id") + ".log")
            .toAbsolutePath();
    try {
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path settings;
    try {
      settings = KafkaStack.writeProperties(work.resolve("tandem-run.properties"), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small and quick to start: a restart's JVM start-up is part of the recovery time.
    // -Dtandem.process.jvmArgs="…" replaces these, e.g. with "" to measure a plain `java -jar`.
    String jvmArgs =
        System.getProperty(
            "tandem.process.jvmArgs", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    for (String arg : jvmArgs.trim().split("\\s+")) {
      if (!arg.isEmpty()) {
        cmd.add(arg);
      }
    }
    // -Dtandem.process.logback=FILE: another logback configuration for the child, e.g. Kafka at
    // INFO to see where a restart's time goes.
    String logback = System.getProperty("tandem.process.logback");
    if (logback != null && !logback.isBlank()) {
      cmd.add("-Dlogback.configurationFile=" + logback);
    }
    cmd.addAll(
        List.of(
            "-cp",
            classPath(),
            "dev.tandem.cli.TandemCommand",
            "run",
            // Any free port: several instances may run at once, and 8080 may be taken.
            "--http-port=0",
            "--config",
            settings.toString()));
    this.command = List.copyOf(cmd);
  }

  /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Starts the JVM (again); returns at once. */
  public synchronized TandemProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    try {
      logOffset = Files.exists(log) ? Files.size(log) : 0;
      Files.writeString(
          log,
          "---- start " + java.time.Instant.now() + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      startedAt = System.nanoTime();
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
    return this;
  }

  /**
   * Waits until this start printed that the pipeline runs.
   *
   * @return how long after {@link #start()} that was
   */
  public Duration awaitRunning(Duration timeout) {
    Awaitility.await("tandem run reaching RUNNING (log: " + log + ")")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "tandem run exited with " + process.exitValue() + "; log: " + log);
              }
              return logSinceStart().contains(RUNNING_LINE);
            });
    return sinceStart();
  }

  /** Time since the last {@link #start()}. */
  public Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startedAt);
  }

  /** {@code kill -9}: no shutdown hook, no commit, no leaving the group. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  /** SIGTERM: the pipeline closes cleanly. */
  public synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitFor();
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public Path log() {
    return log;
  }

  private void waitFor() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private String logSinceStart() throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(
        all,
        (int) Math.min(logOffset, all.length),
        (int) (all.length - Math.min(logOffset, all.length)),
        StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    kill();
  }
}
