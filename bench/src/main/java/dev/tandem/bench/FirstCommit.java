package dev.tandem.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When an application first committed input offsets, watched from before it starts: where a run's
 * clock starts. Not RUNNING: Kafka Streams processes the tasks that are ready while others still
 * restore, so an instance can be thousands of records in before it reports RUNNING, and a second
 * instance joins later still. Start-up (topic checks, the registry, the first rebalance) is left
 * out for the ceiling and Tandem alike.
 *
 * @param at {@link System#nanoTime()} of the first poll that saw a commit
 * @param committed the input offsets committed then, which the run does not count
 */
record FirstCommit(long at, long committed) {

  /**
   * Polls {@code input} every {@link Throughput#POLL} on a thread of its own until it moves, or
   * until the returned future is cancelled (the application did not start).
   */
  static CompletableFuture<FirstCommit> watch(CommittedToEnd input) {
    CompletableFuture<FirstCommit> result = new CompletableFuture<>();
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (!result.isDone()) {
                  long now = System.nanoTime();
                  long committed = input.committed();
                  if (committed > 0) {
                    result.complete(new FirstCommit(now, committed));
                  } else {
                    Thread.sleep(Throughput.POLL.toMillis());
                  }
                }
              } catch (InterruptedException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "first-commit-watch");
    watcher.setDaemon(true);
    watcher.start();
    return result;
  }

  /** Waits for the first commit the watch saw. */
  static FirstCommit await(CompletableFuture<FirstCommit> watch, Duration timeout)
      throws InterruptedException, ExecutionException {
    try {
      return watch.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      watch.cancel(true);
      throw new IllegalStateException("nothing committed within " + timeout.toSeconds() + " s");
    }
  }
}
