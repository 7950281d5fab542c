package dev.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Apicurio Registry, schemas kept in Kafka topics) run as a
 * child process of this JVM, so its framework never shares our class path.
 */
public final class EmbeddedRegistry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedRegistry.class);

  private static final String HOST = "127.0.0.1";
  private static final String CONFLUENT_API = "/apis/ccompat/v7";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final int LOG_TAIL_LINES = 30;

  private final String bootstrapServers;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final int requestedPort;
  private final RegistryPidFile pidFile;
  private volatile int port;
  private Process process;
  private Thread shutdownHook;
  private boolean closed;

  /**
   * @param bootstrapServers the Kafka cluster that stores the schemas
   * @param workDir where the registry's log (registry.log) and pid file (registry.pid) go; {@code
   *     null}: a temporary directory, deleted on close. Schemas live in Kafka, not here.
   * @param port the HTTP port on 127.0.0.1; 0 picks a free one.
   */
  public EmbeddedRegistry(String bootstrapServers, Path workDir, int port) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("The registry needs Kafka's bootstrap servers");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(port + " is not a port (0-65535)");
    }
    this.bootstrapServers = bootstrapServers;
    this.ownsWorkDir = workDir == null;
    this.workDir = ownsWorkDir ? temporaryDirectory() : workDir.toAbsolutePath().normalize();
    this.requestedPort = port;
    this.pidFile = new RegistryPidFile(this.workDir);
  }

  /**
   * Stops a registry left running from this work directory by an earlier run, starts a new one and
   * waits until it answers on {@link #url()}.
   */
  public synchronized EmbeddedRegistry start() {
    if (closed) {
      throw new IllegalStateException("This registry was closed; create a new one");
    }
    if (process != null) {
      return this;
    }
    long began = System.nanoTime();
    try {
      RegistryDistribution distribution = RegistryDistribution.locate();
      Files.createDirectories(workDir);
      pidFile.stopStaleRegistry(STOP_GRACE);
      port = FreePort.orChosen(requestedPort);
      if (FreePort.isTaken(port)) {
        throw new IllegalStateException(
            "Port "
                + port
                + " on "
                + HOST
                + " is already in use, perhaps by a schema"
                + " registry from another run or by another program; stop it or choose another port");
      }
      launch(distribution);
      awaitReady();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(
          "Could not prepare the registry's work directory " + workDir, e);
    } catch (RuntimeException e) {
      // A registry that did not start is closed, so try-with-resources on start() leaks nothing.
      close();
      throw e;
    }
    log.info(
        "Schema registry started in {} ms at {} (pid {}, log {})",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
        url(),
        process.pid(),
        logFile());
    return this;
  }

  /**
   * The Confluent-compatible API's base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}.
   */
  public String url() {
    if (port == 0) {
      throw new IllegalStateException("The registry has not been started");
    }
    return "http://" + HOST + ":" + port + CONFLUENT_API;
  }

  /** The HTTP port; known once started, or from the start when one was asked for. */
  public int port() {
    return port != 0 ? port : requestedPort;
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The registry process's id, e.g. for telling a user what to stop. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException("The registry is not running");
    }
    return process.pid();
  }

  public Path workDir() {
    return workDir;
  }

  /** Where the registry process writes its console output. */
  public Path logFile() {
    return workDir.resolve("registry.log");
  }

  /** Stops the registry (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    if (ownsWorkDir) {
      try {
        Utils.delete(workDir.toFile());
      } catch (IOException e) {
        log.warn("Could not delete the registry's temporary directory {}", workDir, e);
      }
    }
  }

  /**
   * Polls the parent (our JVM) once a second while the registry lives; if the parent is gone first,
   * sends the registry SIGTERM. {@code $$} is the shell's pid, which {@code exec} hands to the
   * registry.
   */
  static final String PARENT_WATCHDOG =
      "parent=$PPID; "
          + "(while kill -0 \"$parent\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; "
          + "kill -0 \"$parent\" 2>/dev/null || kill -TERM $$ 2>/dev/null) & exec \"$@\"";

  private void launch(RegistryDistribution distribution) {
    List<String> command =
        new ArrayList<>(
            List.of(
                // The shell starts a watchdog, then becomes the registry's JVM (exec keeps the
                // pid). The
                // watchdog stops the registry when our JVM dies without running its shutdown hooks
                // (SIGKILL, Runtime.halt, a fatal broker error), so no registry is ever orphaned.
                "/bin/sh",
                "-c",
                PARENT_WATCHDOG,
                "sh",
                javaExecutable(),
                // Measured: ~30 MB of live heap after 50 schemas, ~250 MB resident in all.
                "-Xmx192m",
                // One collector thread and client compilation only: on two cores these roughly
                // halve
                // start-up (12 s to 6 s), and a development registry never needs peak throughput.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // A registry out of memory should die, so isRunning() and the log say so, not limp
                // on.
                "-XX:+ExitOnOutOfMemoryError",
                "-Dquarkus.http.host=" + HOST,
                "-Dquarkus.http.port=" + port,
                // Readiness polling would otherwise fill the log with access lines.
                "-Dquarkus.http.access-log.enabled=false",
                "-Dquarkus.log.console.format=%d{HH:mm:ss.SSS} %-5p [%c{3.}] (%t) %s%e%n",
                "-Dapicurio.storage.kind=kafkasql",
                "-Dapicurio.kafkasql.bootstrap.servers=" + bootstrapServers,
                // Apicurio creates its topics with the broker's default retention (a week): schemas
                // must
                // outlive that, because the records written with them do.
                "-Dapicurio.kafkasql.topic.retention.ms=-1",
                // At start-up Apicurio polls its snapshots topic once for this long (default 5 s, a
                // third of
                // the start-up). Tandem takes no snapshots and the journal is kept whole: nothing
                // is missed.
                "-Dapicurio.kafkasql.consumer.poll.timeout=500",
                "-jar",
                distribution.runnerJar().toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            // The runner jar finds lib/ beside itself; the working directory only collects stray
            // files.
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(logFile().toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the schema registry: " + String.join(" ", command), e);
    }
    closeQuietly(process.getOutputStream());
    Process started = process;
    shutdownHook =
        new Thread(
            () -> RegistryPidFile.stop(started.toHandle(), Duration.ofSeconds(5)),
            "tandem-registry-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    pidFile.write(process.pid());
    log.debug("Schema registry pid {}: {}", process.pid(), String.join(" ", command));
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest subjects =
        HttpRequest.newBuilder(URI.create(url() + "/subjects"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String lastAnswer = "no answer yet";
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw startFailure("exited with code " + process.exitValue());
        }
        try {
          HttpResponse<String> response = http.send(subjects, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
          lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
        } catch (IOException e) {
          lastAnswer = e.toString();
        }
        // Bounded polling: Quarkus reports no readiness signal we could wait on instead.
        TimeUnit.MILLISECONDS.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailure("was interrupted while waiting for it");
    }
    throw startFailure(
        "did not answer GET "
            + subjects.uri()
            + " with 200 within "
            + READY_TIMEOUT.toSeconds()
            + " s (last: "
            + lastAnswer
            + ")");
  }

  private IllegalStateException startFailure(String what) {
    stopProcess();
    return new IllegalStateException(
        "The schema registry on port "
            + port
            + " "
            + what
            + "; last lines of "
            + logFile()
            + ":"
            + System.lineSeparator()
            + LogTail.of(logFile(), LOG_TAIL_LINES));
  }

  private void stopProcess() {
    if (process == null) {
      return;
    }
    long began = System.nanoTime();
    RegistryPidFile.stop(process.toHandle(), STOP_GRACE);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook stops the process anyway.
    }
    pidFile.deleteIfRecords(process.pid());
    log.info(
        "Schema registry pid {} stopped in {} ms",
        process.pid(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    process = null;
    shutdownHook = null;
  }

  /** The registry reads nothing from us; an open pipe would only hold a descriptor. */
  private static void closeQuietly(java.io.OutputStream stdin) {
    try {
      stdin.close();
    } catch (IOException e) {
      log.debug("Could not close the registry's standard input", e);
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .filter(command -> Files.isExecutable(Path.of(command)))
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("tandem-registry-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create a temporary directory for the schema registry", e);
    }
  }
}
