package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.embedded.EmbeddedKafkaBroker;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TandemProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops and starts again (same log directory, same port) while {@code tandem run}
 * replays the simulated traffic: the pipeline rides it out on its own and ends with the answers of
 * the unkilled run. The broker is this test's own, so the other tests' broker stays up; the schema
 * registry is the shared one (it keeps its schemas on the shared broker).
 */
@ExtendWith(KafkaStack.class)
class BrokerRestartTest {

  private static final long SEED = 104L;

  @Test
  void aBrokerRestartMidStreamEndsWithTheAnswersOfAnUnkilledRun(
      @TempDir Path brokerData, @TempDir Path stateDir, @TempDir Path work) throws Exception {
    CommittedOutputs unkilled = UnkilledRun.outputs();
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(brokerData, 0, 0).start();
    String bootstrap = broker.bootstrapServers();
    try {
      Map<String, String> settings =
          new LinkedHashMap<>(KafkaStack.pipelineConfig("crash-broker", stateDir).values());
      settings.put("bootstrap.servers", bootstrap);
      TandemConfig config = new TandemConfig(settings);
      UnkilledRun.publish(bootstrap, config, SimulatedTraffic.records());
      Random random = new Random(SEED);
      long stopAt = (long) (random.nextDouble(0.2, 0.6) * unkilled.incidents().size());
      CommittedOutputs afterRestart;
      try (CommittedOutputs.Follower follower = CommittedOutputs.follow(bootstrap, config);
          TandemProcess tandem = new TandemProcess(config, work)) {
        tandem.start().awaitRunning(Duration.ofMinutes(1));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
          Awaitility.await("incident changes reaching " + stopAt)
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(25))
              .until(() -> CrashTest.published(admin, config.topics().incidents()) >= stopAt);
        }
        broker.close();
        // A deliberate outage of a few seconds, not a wait for something: clients retry and
        // reconnect meanwhile.
        Thread.sleep(1_000 + random.nextInt(4_000));
        long down = System.nanoTime();
        broker =
            new EmbeddedKafkaBroker(brokerData, broker.port(), broker.controllerPort()).start();
        System.out.printf(
            "BrokerRestartTest: broker stopped at %d incident changes, back after %d ms%n",
            stopAt, (System.nanoTime() - down) / 1_000_000);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
          PipelineProgress progress = new PipelineProgress(admin, "crash-broker", config.topics());
          assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2)))
              .as("caught up after the broker came back (log: %s)", tandem.log())
              .isTrue();
        }
        assertThat(tandem.isAlive()).as("tandem run kept running (log: %s)", tandem.log()).isTrue();
        tandem.stop();
        afterRestart = follower.finish();
      }
      System.out.println("BrokerRestartTest: " + afterRestart.summary());
      CrashTest.assertSameAnswers(afterRestart, unkilled);
    } finally {
      broker.close();
    }
  }
}
