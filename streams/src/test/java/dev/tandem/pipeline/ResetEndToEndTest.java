package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.OutageState;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.KafkaStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tandem reset} on the real broker: after a reset, a new run of the same application
 * reprocesses the raw topic and publishes the same outages, with the same ids, versions going on
 * from the first run's.
 */
@ExtendWith(KafkaStack.class)
class ResetEndToEndTest {

  @Test
  void aResetPipelineReprocessesTheRawTopicIntoTheSameOutages(
      @TempDir Path stateDir, @TempDir Path work) throws Exception {
    TandemConfig config = KafkaStack.pipelineConfig("e2e-reset", stateDir);
    Path settings = KafkaStack.writeProperties(work.resolve("tandem.properties"), config);
    String[] reset = {
      "reset",
      "--bootstrap-servers",
      KafkaStack.bootstrapServers(),
      "--application-id",
      "e2e-reset",
      "--state-dir",
      stateDir.toString(),
      "--config",
      settings.toString()
    };
    Scenario fastly =
        Scenario.bundled().stream()
            .filter(s -> s.name().equals("fastly-2021-06-08"))
            .findFirst()
            .orElseThrow();
    keepEverything(config.topics().raw(), config.topics().updates());

    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
      PipelineReplay.replay(config, app, Scenario.records(List.of(fastly)));

      Cli running = Cli.execute(reset);
      assertThat(running.code()).as("a running pipeline is not reset").isEqualTo(1);
      assertThat(running.err().lines())
          .singleElement()
          .asString()
          .startsWith("tandem: application 'e2e-reset' is still running")
          .contains("stop every instance");
      // Stopped as an operator would before a reset: leaving the group, or it stays a member until
      // its session times out.
      app.streams()
          .close(
              CloseOptions.groupMembershipOperation(
                      CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                  .withTimeout(Duration.ofSeconds(30)));
    }
    Map<TopicPartition, Long> endOfFirstRun = OutageLog.endOffsets(config.topics().outages());
    List<ConsumerRecord<String, CorrelatedOutage>> firstRun = OutageLog.outageChanges(config);
    Map<String, OutageLog.Standing> before = OutageLog.standing(firstRun);
    assertThat(before).hasSize(1);
    assertThat(before.values())
        .singleElement()
        .satisfies(o -> assertThat(o.outage().providers()).contains("fastly", "amazon"));

    Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets("e2e-reset");
    Cli dryRun =
        Cli.execute(
            Stream.concat(Arrays.stream(reset), Stream.of("--dry-run")).toArray(String[]::new));
    assertThat(dryRun.code()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .startsWith("would reset application 'e2e-reset' (dry run: nothing changed)");
    assertThat(stateDir.resolve("e2e-reset")).as("a dry run keeps the local state").isDirectory();
    assertThat(committedOffsets("e2e-reset")).as("and the committed offsets").isEqualTo(committed);

    Cli done = Cli.execute(reset);
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out())
        .contains("reset application 'e2e-reset'")
        .contains("reprocess from the beginning: e2e-reset.raw")
        .contains("skip old records: e2e-reset.updates")
        .doesNotContain("e2e-reset.incidents")
        .contains("e2e-reset-correlate-outages-changelog");
    assertThat(stateDir.resolve("e2e-reset")).as("local state deleted").doesNotExist();

    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1));
        Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      assertThat(
              new PipelineProgress(admin, app.applicationId(), config.topics())
                  .awaitCaughtUp(Duration.ofMinutes(2)))
          .isTrue();
    }
    List<ConsumerRecord<String, CorrelatedOutage>> secondRun =
        OutageLog.outageChanges(config, endOfFirstRun);

    // An outage is named after its earliest member (OutageLedger): the same id, whatever order the
    // two raw partitions interleave in.
    Map<String, OutageLog.Standing> after = OutageLog.standing(secondRun);
    assertThat(after).as("same ids, providers, members, cause and state").isEqualTo(before);
    for (String id : after.keySet()) {
      CorrelatedOutage first =
          secondRun.stream().filter(r -> r.key().equals(id)).findFirst().orElseThrow().value();
      assertThat(first.getVersion())
          .as("versions go on from the first run's, never repeat")
          .isEqualTo(last(firstRun, id).getVersion() + 1);
      assertThat(first.getState()).isEqualTo(OutageState.OPEN);
      assertThat(last(secondRun, id).getState()).isEqualTo(OutageState.RESOLVED);
    }
    assertThat(last(firstRun, before.keySet().iterator().next()).getState())
        .isEqualTo(OutageState.RESOLVED);
  }

  /**
   * A reset reprocesses what the raw topic still holds. The scenario's records carry their 2021
   * timestamps, past any time-based retention: the broker would delete them at its next retention
   * check, so these topics are created ahead of the pipeline (which leaves existing topics alone)
   * with unlimited retention.
   */
  private static void keepEverything(String... topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      admin
          .createTopics(
              Arrays.stream(topics)
                  .map(
                      name ->
                          new NewTopic(name, Optional.of(2), Optional.empty())
                              .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                  .toList())
          .all()
          .get();
    }
  }

  private static CorrelatedOutage last(
      List<ConsumerRecord<String, CorrelatedOutage>> changes, String id) {
    return changes.stream()
        .filter(r -> r.key().equals(id))
        .reduce((a, b) -> b)
        .orElseThrow()
        .value();
  }

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group)
      throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
  }

  /** What one {@code tandem} command printed, and its exit code. */
  private record Cli(int code, String out, String err) {
    static Cli execute(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = TandemCommand.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Cli(code, out.toString(), err.toString());
    }
  }
}
