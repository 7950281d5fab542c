package dev.tandem.normalize.fuzz;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.normalize.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.statistics.Statistics;

/**
 * What every fuzzed call must come to: it returns (nothing escapes, not even an Error), within a
 * time bound, and its answer is either well-formed updates or a failure whose reason a person can
 * act on. Anything else fails the property with the input, which is also written to {@code
 * target/fuzz-failures/} whole, so a regression test can read exactly those bytes.
 */
final class Outcomes {

  /**
   * Every input is at most 1 MiB, and the slowest legitimate ones (a feed of 200,000 elements, a
   * JSON object of 40,000 keys) take a few hundred milliseconds: a second is a bound that only a
   * hang or work growing faster than the input crosses. It bounds the CPU time of the calling
   * thread: on a shared two-core machine wall time also counts other processes, which would make
   * the bound flaky without making it stricter.
   */
  static final Duration TIME_LIMIT = Duration.ofSeconds(1);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** A call still running after this is hung: the property fails instead of blocking the build. */
  private static final Duration HANG = Duration.ofSeconds(30);

  /**
   * A reason travels as the tandem.error.reason header of a dead letter that also carries the whole
   * payload, and goes to the log: it must say what is wrong, not repeat the payload. The longest
   * legitimate ones quote ten field names of 80 characters (about 1,000 characters in all).
   */
  static final int LONGEST_REASON = 2_000;

  /**
   * Each update of an incident carries the incident's components, so a payload's output can grow as
   * the product of two of its lists: real documents name a few thousand components in all their
   * updates, and one record must not turn into hundreds of megabytes of updates.
   */
  static final int MOST_COMPONENT_MENTIONS = 100_000;

  private static final Path FAILURES = Paths.get("target", "fuzz-failures");

  private static ExecutorService worker = newWorker();
  private static long slowestNanos;
  private static String slowest = "";

  private Outcomes() {}

  /** The result of a call, or what it threw; and the CPU time it took. */
  record Timed<T>(T value, Throwable thrown, long nanos) {}

  /**
   * Runs {@code call} on a worker thread, so that a hang fails the property instead of blocking the
   * build.
   */
  static synchronized <T> Timed<T> run(Callable<T> call) {
    Future<Timed<T>> future =
        worker.submit(
            () -> {
              long start = THREADS.getCurrentThreadCpuTime();
              try {
                T value = call.call();
                return new Timed<>(value, null, THREADS.getCurrentThreadCpuTime() - start);
              } catch (Throwable thrown) {
                return new Timed<>(null, thrown, THREADS.getCurrentThreadCpuTime() - start);
              }
            });
    try {
      return future.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      // The hung thread may never stop; later tries get a fresh one.
      worker = newWorker();
      return new Timed<>(
          null,
          new AssertionError("did not return within " + HANG.toSeconds() + " s: a hang"),
          HANG.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the worker itself failed", e);
    }
  }

  /**
   * Fails unless the timed parse returned a well-formed answer for a record keyed {@code provider}.
   *
   * @param provider the record key; null when the record had none (then only the tandem format may
   *     name a provider, from the payload)
   */
  static void assertWellFormed(
      String what,
      FuzzCase input,
      String provider,
      Timed<ParseResult> timed,
      Callable<ParseResult> call) {
    List<String> problems = new ArrayList<>();
    if (timed.thrown() != null) {
      problems.add("threw " + stackTrace(timed.thrown()));
    } else if (timed.value() == null) {
      problems.add("returned null instead of a ParseResult");
    } else if (timed.value() instanceof ParseResult.Failed failed) {
      problems.addAll(reasonProblems(failed.reason()));
    } else {
      List<StatusUpdate> updates = ((ParseResult.Parsed) timed.value()).updates();
      problems.addAll(volumeProblems(updates));
      for (int i = 0; i < updates.size() && problems.size() < 20; i++) {
        for (String problem : updateProblems(updates.get(i), provider)) {
          problems.add("update #" + (i + 1) + " " + problem);
        }
      }
    }
    problems.addAll(timeProblems(input, timed.nanos(), call));
    if (!problems.isEmpty()) {
      fail(what, input, problems);
    }
    Statistics.label("outcome").collect(input.kind(), outcome(timed.value()));
  }

  static String outcome(ParseResult result) {
    if (result instanceof ParseResult.Parsed parsed) {
      return parsed.updates().isEmpty() ? "no updates" : "updates";
    }
    return "dead letter";
  }

  static List<String> reasonProblems(String reason) {
    List<String> problems = new ArrayList<>();
    if (reason == null || reason.isBlank()) {
      problems.add("failed without a reason");
    } else if (reason.length() > LONGEST_REASON) {
      problems.add(
          "failed with a reason of "
              + reason.length()
              + " characters (more than "
              + LONGEST_REASON
              + "), starting "
              + PayloadPreview.of(reason));
    }
    return problems;
  }

  static List<String> volumeProblems(List<StatusUpdate> updates) {
    long mentions =
        updates.stream()
            .mapToLong(update -> update.getComponents() == null ? 0 : update.getComponents().size())
            .sum();
    if (mentions > MOST_COMPONENT_MENTIONS) {
      return List.of(
          "made "
              + updates.size()
              + " updates naming "
              + mentions
              + " components in all (more than "
              + MOST_COMPONENT_MENTIONS
              + ")");
    }
    return List.of();
  }

  /** What is wrong with one update by the StatusUpdate contract; empty when nothing is. */
  static List<String> updateProblems(StatusUpdate update, String provider) {
    List<String> problems = new ArrayList<>();
    if (update == null) {
      problems.add("is null");
      return problems;
    }
    if (provider != null && !provider.isBlank() && !provider.equals(update.getProvider())) {
      problems.add(
          "has provider "
              + quoted(update.getProvider())
              + ", not the record key "
              + quoted(provider));
    }
    blank(problems, "provider", update.getProvider());
    blank(problems, "incidentId", update.getIncidentId());
    blank(problems, "updateId", update.getUpdateId());
    blank(problems, "title", update.getTitle());
    if (update.getStatus() == null) {
      problems.add("has no status");
    }
    if (update.getImpact() == null) {
      problems.add("has no impact");
    }
    if (update.getComponents() == null) {
      problems.add("has no components list");
    } else {
      for (AffectedComponent component : update.getComponents()) {
        if (component == null
            || component.getName() == null
            || component.getName().isBlank()
            || component.getStatus() == null) {
          problems.add("has a component without name or status: " + component);
        }
      }
    }
    // Kafka refuses records with negative timestamps, and updatedAt becomes the record's timestamp.
    if (update.getStartedAt() == null || update.getStartedAt().toEpochMilli() < 0) {
      problems.add("has startedAt " + update.getStartedAt() + ", not an instant since 1970");
    }
    if (update.getUpdatedAt() == null || update.getUpdatedAt().toEpochMilli() < 0) {
      problems.add("has updatedAt " + update.getUpdatedAt() + ", not an instant since 1970");
    }
    if (problems.isEmpty()) {
      try {
        update.toByteBuffer();
      } catch (IOException | RuntimeException e) {
        problems.add("cannot be written as Avro: " + e);
      }
    }
    return problems;
  }

  /**
   * A call over the limit is timed once more before it counts: the first calls of a path run
   * interpreted until the JIT has compiled it, while a slow input is slow every time.
   */
  static List<String> timeProblems(FuzzCase input, long nanos, Callable<?> call) {
    long took = nanos;
    if (took > TIME_LIMIT.toNanos() && took < HANG.toNanos()) {
      took = Math.min(took, run(call).nanos());
    }
    synchronized (Outcomes.class) {
      if (took > slowestNanos) {
        slowestNanos = took;
        slowest = input.how() + " (" + input.bytes().length + " bytes)";
      }
    }
    if (took > TIME_LIMIT.toNanos()) {
      return List.of(
          "took "
              + Duration.ofNanos(nanos).toMillis()
              + " ms of CPU, and "
              + Duration.ofNanos(took).toMillis()
              + " ms again, more than "
              + TIME_LIMIT.toMillis()
              + " ms");
    }
    return List.of();
  }

  /** Forgets the slowest call, so that each test class reports its own. */
  static synchronized void resetSlowest() {
    slowestNanos = 0;
    slowest = "";
  }

  /** The slowest call so far and what it read, for the report of a run. */
  static synchronized String slowest() {
    return Duration.ofNanos(slowestNanos).toMillis() + " ms of CPU: " + slowest;
  }

  static void fail(String what, FuzzCase input, List<String> problems) {
    String saved = save(what, input.bytes());
    throw new AssertionError(
        what
            + " "
            + String.join("; ", problems)
            + "\n  input: "
            + input
            + "\n  whole input: "
            + saved);
  }

  private static void blank(List<String> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add("has " + (value == null ? "no " : "a blank ") + field);
    }
  }

  private static String quoted(String value) {
    return value == null ? "null" : PayloadPreview.of(value);
  }

  private static String save(String what, byte[] bytes) {
    try {
      Files.createDirectories(FAILURES);
      String digest =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
      String name = what.split(" \\(")[0].replaceAll("[^A-Za-z0-9.-]+", "-");
      Path file =
          FAILURES.resolve(name.substring(0, Math.min(name.length(), 60)) + "-" + digest + ".bin");
      Files.write(file, bytes);
      return file.toAbsolutePath().toString();
    } catch (IOException | NoSuchAlgorithmException e) {
      return "(not saved: " + e + ")";
    }
  }

  private static String stackTrace(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    String text = trace.toString();
    return text.length() > 4_000 ? text.substring(0, 4_000) + "…" : text;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "fuzz-worker");
          thread.setDaemon(true);
          return thread;
        });
  }
}
