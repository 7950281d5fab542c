package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.collect.RawStatusPublisher;
import dev.tandem.raw.RawStatus;
import dev.tandem.testing.KafkaStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * The answers the crash tests compare with: the simulated traffic through a pipeline nobody
 * disturbs, on the shared broker with the same partition count. Run once per test run, whichever
 * crash test asks first.
 */
final class UnkilledRun {

  private static CommittedOutputs outputs;

  private UnkilledRun() {}

  static synchronized CommittedOutputs outputs() throws Exception {
    if (outputs == null) {
      Path stateDir = Files.createTempDirectory("tandem-unkilled");
      TandemConfig config = KafkaStack.pipelineConfig("crash-unkilled", stateDir);
      long began = System.nanoTime();
      publish(KafkaStack.bootstrapServers(), config, SimulatedTraffic.records());
      try (CommittedOutputs.Follower follower =
          CommittedOutputs.follow(KafkaStack.bootstrapServers(), config)) {
        try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1));
            Admin admin =
                Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
          assertThat(
                  new PipelineProgress(admin, app.applicationId(), config.topics())
                      .awaitCaughtUp(Duration.ofMinutes(2)))
              .as("the unkilled run caught up")
              .isTrue();
        }
        outputs = follower.finish();
      }
      System.out.printf(
          "unkilled run: %d records from %d providers in %d ms: %s%n",
          SimulatedTraffic.records().size(),
          SimulatedTraffic.providers(),
          (System.nanoTime() - began) / 1_000_000,
          outputs.summary());
      deleteQuietly(stateDir);
    }
    return outputs;
  }

  /**
   * Creates the pipeline's topics if they are missing (as the pipeline would) and publishes the
   * records to the raw one.
   */
  static void publish(String bootstrapServers, TandemConfig config, List<RawStatus> records) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      TopicSetup.createMissing(
          admin, config.topics(), config.topicPartitions(), config.topicReplicationFactor());
      // A partition created a moment ago may not have its leader yet; an idempotent producer whose
      // first batch is refused for that, and whose next ones are not, is stuck on out-of-order
      // sequences.
      Awaitility.await("leaders of " + config.topics().raw())
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> {
                var partitions =
                    admin
                        .describeTopics(List.of(config.topics().raw()))
                        .allTopicNames()
                        .get()
                        .get(config.topics().raw())
                        .partitions();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                partitions.forEach(
                    p ->
                        latest.put(
                            new TopicPartition(config.topics().raw(), p.partition()),
                            OffsetSpec.latest()));
                return partitions.stream().allMatch(p -> p.leader() != null)
                    && admin.listOffsets(latest).all().get().size() == partitions.size();
              });
    }
    Properties client = new Properties();
    client.put("bootstrap.servers", bootstrapServers);
    try (RawStatusPublisher publisher = new RawStatusPublisher(client, config.topics().raw())) {
      publisher.publishAll(records);
    }
  }

  static void deleteQuietly(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing a test for.
    }
  }
}
