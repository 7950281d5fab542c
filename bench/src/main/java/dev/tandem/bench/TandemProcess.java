package dev.tandem.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tandem run} in a JVM of its own, started as the launcher starts it ({@code ./tandem run}:
 * C1 only, serial collector) with the heap a user would give it: what its heap and resident set
 * come to is then the pipeline's alone, not the broker's beside it.
 */
final class TandemProcess implements AutoCloseable {

  /**
   * The launcher's options for {@code run} (the {@code tandem} script; README, Operating Tandem).
   */
  private static final List<String> LAUNCHER_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final Pattern COLLECTION =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private final Process process;
  private final long startedNanos;
  private final Path log;
  private final Path gcLog;

  private TandemProcess(Process process, long startedNanos, Path log, Path gcLog) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.log = log;
    this.gcLog = gcLog;
  }

  /**
   * @param heap the {@code -Xmx} value, e.g. {@code 256m}
   * @param runArguments what follows {@code tandem run}
   */
  static TandemProcess start(Path workDir, String name, String heap, List<String> runArguments) {
    Path log = workDir.resolve(name + ".log");
    Path gcLog = workDir.resolve(name + "-gc.log");
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add("-Xmx" + heap);
    command.addAll(LAUNCHER_OPTIONS);
    command.add("-Xlog:gc:file=" + gcLog);
    command.add("-cp");
    // The bench's own class path holds Tandem and its dependencies (the shaded jar, or under the
    // test runner its booter jar, whose manifest lists them).
    command.add(System.getProperty("java.class.path"));
    command.add("dev.tandem.cli.TandemCommand");
    command.add("run");
    command.addAll(runArguments);
    try {
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new TandemProcess(process, started, log, gcLog);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** Seconds since the JVM was started. */
  double secondsSinceStart() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /**
   * Waits until its log has a line containing {@code text}; false after {@code timeout} or when the
   * process ended first.
   */
  boolean awaitLog(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (logText().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return logText().contains(text);
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** The last lines of its log, for a failure message. */
  String logTail() {
    List<String> lines = logText().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * A full collection, asked of the running JVM ({@code jcmd GC.run}), so that the heap after it is
   * what the pipeline holds, not garbage that has not been collected yet.
   */
  void collectGarbage() throws InterruptedException {
    Path jcmd = Path.of(javaExecutable()).resolveSibling("jcmd");
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(jcmd + " GC.run did not succeed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + jcmd, e);
    }
  }

  /** Heap figures from its GC log so far, in bytes. */
  HeapFigures heap() {
    long largestAfter = 0;
    long lastAfter = 0;
    long lastFullAfter = 0;
    long committed = 0;
    int collections = 0;
    try {
      for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
        Matcher m = COLLECTION.matcher(line);
        if (!m.find()) {
          continue;
        }
        long after = bytes(m.group(3), m.group(4));
        collections++;
        lastAfter = after;
        largestAfter = Math.max(largestAfter, after);
        committed = Math.max(committed, bytes(m.group(5), m.group(6)));
        if (line.contains("Pause Full")) {
          lastFullAfter = after;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + gcLog, e);
    }
    return new HeapFigures(collections, largestAfter, lastAfter, lastFullAfter, committed);
  }

  /**
   * @param largestAfter the most the heap held right after any collection
   * @param lastFullAfter what it held after the last full collection (0: none yet)
   * @param committed the most heap the JVM had reserved
   */
  record HeapFigures(
      int collections, long largestAfter, long lastAfter, long lastFullAfter, long committed) {}

  private static long bytes(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }

  /**
   * The most memory the process has had resident ({@code VmHWM} of {@code /proc/<pid>/status}), in
   * bytes; -1 where there is no {@code /proc}.
   */
  long residentHighWater() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Ends it as a crash would ({@code kill -9}). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
