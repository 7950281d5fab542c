package dev.tandem.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Records a second through an application on a pre-filled input topic, from its first commit of
 * input offsets ({@link FirstCommit}) to the moment it is done with them.
 *
 * <p>Done is observed by polling every {@link #POLL}: the input is done when the group's committed
 * offsets reach the input's end; the application is done when its own test says so twice in a row
 * (Tandem's stages feed each other, so one stage's topic can be at its end for a moment while the
 * one before it is about to write more). The time taken is that of the first of those two
 * observations, so a poll adds at most {@link #POLL} to a run.
 *
 * @param records input records the run consumed after its first commit
 * @param seconds from the first commit to done
 * @param inputSeconds from the first commit until its input offsets were committed to the end
 */
record Throughput(long records, double seconds, double inputSeconds) {

  static final Duration POLL = Duration.ofMillis(25);

  double perSecond() {
    return records / seconds;
  }

  /** Of several runs of the same thing, the middle one by records a second. */
  static Throughput median(List<Throughput> runs) {
    List<Throughput> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Throughput::perSecond));
    return sorted.get(sorted.size() / 2);
  }

  /**
   * @param first when the application first committed, and how far
   * @param input the application's offsets on its input topic
   * @param done whether everything downstream of the input is done as well
   * @param timeout a run that is not done within this fails
   */
  static Throughput measure(
      FirstCommit first, CommittedToEnd input, BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long end = input.end();
    long inputDoneAt = 0;
    long firstDoneAt = 0;
    long deadline = first.at() + timeout.toNanos();
    while (true) {
      long now = System.nanoTime();
      if (inputDoneAt == 0 && input.committed() >= end) {
        inputDoneAt = now;
      }
      if (inputDoneAt != 0 && done.getAsBoolean()) {
        if (firstDoneAt != 0) {
          return new Throughput(
              end - first.committed(),
              seconds(firstDoneAt - first.at()),
              seconds(inputDoneAt - first.at()));
        }
        firstDoneAt = now;
      } else {
        firstDoneAt = 0;
      }
      if (now > deadline) {
        throw new IllegalStateException(
            "not done within "
                + timeout.toSeconds()
                + " s: "
                + input.committed()
                + " of "
                + end
                + " input records committed");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
