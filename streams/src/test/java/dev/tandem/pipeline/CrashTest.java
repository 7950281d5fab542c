package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TandemProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} in a JVM of its own, {@code kill -9}ed at seeded random points while it
 * replays simulated traffic ({@link SimulatedTraffic}) and started again on the same state
 * directory, or on an empty one: exactly-once means the read_committed outputs end as those of a
 * run nobody killed ({@link UnkilledRun}). Each restart's time to RUNNING and to processing again
 * is printed: {@code mvn -B -o test -pl streams -am -Dtest=CrashTest} measures recovery.
 */
@ExtendWith(KafkaStack.class)
class CrashTest {

  private static final long SEED = 103L;
  private static final int KILLS = 5;

  @Test
  void killedAtRandomPointsEndsWithTheAnswersOfAnUnkilledRun(
      @TempDir Path stateDir, @TempDir Path work) throws Exception {
    CommittedOutputs unkilled = UnkilledRun.outputs();
    TandemConfig config = KafkaStack.pipelineConfig("crash-kill9", stateDir);
    UnkilledRun.publish(KafkaStack.bootstrapServers(), config, SimulatedTraffic.records());

    Random random = new Random(SEED);
    // Kill points measured in published incident changes, the correlate stage's input, so every
    // stage is at work: sorted fractions of what the unkilled run published.
    List<Long> killAt =
        random
            .doubles(KILLS, 0.05, 0.85)
            .sorted()
            .mapToObj(f -> (long) (f * unkilled.incidents().size()))
            .toList();
    List<String> restarts = new ArrayList<>();
    CommittedOutputs killed;
    try (CommittedOutputs.Follower follower =
            CommittedOutputs.follow(KafkaStack.bootstrapServers(), config);
        TandemProcess tandem = new TandemProcess(config, work);
        Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      PipelineProgress progress = new PipelineProgress(admin, "crash-kill9", config.topics());
      tandem.start();
      for (long target : killAt) {
        Awaitility.await("incident changes reaching " + target)
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> published(admin, config.topics().incidents()) >= target);
        // Anywhere in a commit interval (Tandem's 50 ms): mid-transaction or between
        // two.
        Thread.sleep(random.nextInt(150));
        assertThat(tandem.isAlive())
            .as("tandem run still running (log: %s)", tandem.log())
            .isTrue();
        tandem.kill();
        long committedBefore = committed(progress);
        tandem.start();
        Duration running = tandem.awaitRunning(Duration.ofMinutes(1));
        Awaitility.await("progress after restart")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> committed(progress) > committedBefore || progress.caughtUp());
        Duration processing = tandem.sinceStart();
        // Static membership: the restarted instance takes over its former self's tasks at once,
        // instead of after the 45 s session timeout. A regression there shows up here.
        assertThat(processing)
            .as("processing again after a restart (log: %s)", tandem.log())
            .isLessThan(Duration.ofSeconds(30));
        restarts.add(
            "killed at "
                + target
                + " incident changes: RUNNING after "
                + running.toMillis()
                + " ms, processing again after "
                + processing.toMillis()
                + " ms");
      }
      boolean caughtUp = progress.awaitCaughtUp(Duration.ofMinutes(2));
      assertThat(caughtUp)
          .as(
              "caught up after the last restart (behind: %s; tandem run alive: %s; log: %s)",
              caughtUp ? "none" : progress.behind(), tandem.isAlive(), tandem.log())
          .isTrue();
      tandem.stop();
      killed = follower.finish();
    }
    System.out.println(
        "CrashTest restarts after kill -9 (from starting the JVM):\n  "
            + String.join("\n  ", restarts));
    System.out.println("CrashTest killed run: " + killed.summary());
    assertSameAnswers(killed, unkilled);
  }

  @Test
  void aNewInstanceOnAnEmptyStateDirectoryRestoresAndEndsWithTheSameAnswers(
      @TempDir Path stateDir, @TempDir Path work) throws Exception {
    CommittedOutputs unkilled = UnkilledRun.outputs();
    TandemConfig config = KafkaStack.pipelineConfig("crash-statedir", stateDir);
    UnkilledRun.publish(KafkaStack.bootstrapServers(), config, SimulatedTraffic.firstPart(0.6));
    CommittedOutputs restored;
    try (CommittedOutputs.Follower follower =
            CommittedOutputs.follow(KafkaStack.bootstrapServers(), config);
        TandemProcess tandem = new TandemProcess(config, work);
        Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      PipelineProgress progress = new PipelineProgress(admin, "crash-statedir", config.topics());
      tandem.start().awaitRunning(Duration.ofMinutes(1));
      assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2)))
          .as("the first run caught up")
          .isTrue();
      // The host is lost with its disk: the instance dies and its replacement starts with no local
      // state.
      tandem.kill();
      UnkilledRun.deleteQuietly(stateDir);
      assertThat(stateDir).doesNotExist();

      Duration running = tandem.start().awaitRunning(Duration.ofMinutes(1));
      System.out.println(
          "CrashTest empty state directory: RUNNING after " + running.toMillis() + " ms");
      UnkilledRun.publish(KafkaStack.bootstrapServers(), config, SimulatedTraffic.rest(0.6));
      assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2)))
          .as("the new instance caught up")
          .isTrue();
      assertThat(stateDir.resolve("crash-statedir"))
          .as("state restored from the changelogs")
          .isDirectory();
      tandem.stop();
      restored = follower.finish();
    }
    System.out.println("CrashTest restored run: " + restored.summary());
    assertSameAnswers(restored, unkilled);
  }

  /**
   * What exactly-once promises: no change published twice, every incident through the same changes,
   * the same outages. Outages are compared without their ids first, so a failure says whether
   * correlation concluded differently or only named an outage differently.
   */
  static void assertSameAnswers(CommittedOutputs actual, CommittedOutputs unkilled) {
    assertThat(unkilled.duplicatedIncidentVersions())
        .as("unkilled: no incident published twice at one update count")
        .isEmpty();
    assertThat(unkilled.duplicatedOutageVersions())
        .as("unkilled: no (id, version) published twice")
        .isEmpty();
    assertThat(actual.duplicatedIncidentVersions())
        .as("no incident published twice at one update count")
        .isEmpty();
    assertThat(actual.duplicatedOutageVersions()).as("no (id, version) published twice").isEmpty();
    assertThat(actual.incidentHistories())
        .as("every incident went through the same changes")
        .isEqualTo(unkilled.incidentHistories());
    assertThat(actual.finalOutagesWithoutIds())
        .as("the same outages (members, cause, state)")
        .isEqualTo(unkilled.finalOutagesWithoutIds());
    assertThat(actual.finalOutages())
        .as("the same outages under the same ids")
        .isEqualTo(unkilled.finalOutages());
  }

  /**
   * Records written to a topic so far, aborted ones and transaction markers included: a measure of
   * progress.
   */
  static long published(Admin admin, String topic) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> latest =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
  }

  /** The committed offsets summed over the pipeline's inputs, behind or not. */
  static long committed(PipelineProgress progress) {
    long total = progress.committedTotal();
    return total < 0 ? -1 - total : total;
  }
}
