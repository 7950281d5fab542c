package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.Scenario;
import dev.tandem.simulate.SimulationFiles;
import dev.tandem.simulate.SimulationSettings;
import dev.tandem.simulate.Simulator;
import dev.tandem.testing.CommandLineRun;
import dev.tandem.testing.KafkaStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, same answers, on the real broker: 90 simulated days of traffic through one raw
 * partition trickled in batches, through six partitions shuffled and published in one burst, and
 * reprocessed after a {@code tandem reset}, end in the same outages (ids, members, states, times,
 * causes, confidences, explanations) and the same incidents.
 *
 * <p>The shuffle moves records anywhere within their week: disorder well inside correlation's
 * retention (30 days), which is what the guarantee covers (README "Operating Tandem").
 */
@ExtendWith(KafkaStack.class)
class SameAnswersEndToEndTest {

  @Test
  void partitionsShufflingBatchingAndAResetGiveTheSameOutages(
      @TempDir Path simulated, @TempDir Path oneState, @TempDir Path sixState, @TempDir Path work)
      throws Exception {
    List<RawStatus> records = simulatedDays(simulated);

    TandemConfig one = config("same-1p", oneState, 1);
    Answers trickled;
    try (TandemApp app = TandemApp.start(one, Duration.ofMinutes(1))) {
      int batch = (records.size() + 3) / 4;
      for (int from = 0; from < records.size(); from += batch) {
        PipelineReplay.replay(
            one, app, records.subList(from, Math.min(records.size(), from + batch)));
      }
      trickled = Answers.of(one, Map.of());
    }
    assertThat(trickled.outages())
        .as("the simulation plants shared outages")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(trickled.incidents()).hasSizeGreaterThan(100);

    TandemConfig six = config("same-6p", sixState, 6);
    Answers burst;
    try (TandemApp app = TandemApp.start(six, Duration.ofMinutes(1))) {
      PipelineReplay.replay(six, app, shuffledWithinWeeks(records, new Random(90)));
      burst = Answers.of(six, Map.of());
      // Stopped as an operator does before a reset: leaving the group.
      app.streams()
          .close(
              CloseOptions.groupMembershipOperation(
                      CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                  .withTimeout(Duration.ofSeconds(30)));
    }
    assertThat(burst.incidents()).isEqualTo(trickled.incidents());
    assertThat(burst.outages())
        .as(
            "six partitions, shuffled, one burst: %s",
            OutageLog.differences(trickled.outages(), burst.outages()))
        .isEqualTo(trickled.outages());

    Map<TopicPartition, Long> beforeReset = OutageLog.endOffsets(six.topics().outages());
    CommandLineRun reset = new CommandLineRun();
    assertThat(
            reset.execute(
                "reset",
                "--bootstrap-servers",
                KafkaStack.bootstrapServers(),
                "--application-id",
                "same-6p",
                "--state-dir",
                sixState.toString(),
                "--config",
                KafkaStack.writeProperties(work.resolve("six.properties"), six).toString()))
        .as(reset.err.toString())
        .isZero();
    try (TandemApp app = TandemApp.start(six, Duration.ofMinutes(1))) {
      PipelineReplay.replay(six, app, List.of());
    }
    Answers reprocessed = Answers.of(six, beforeReset);
    Map<String, dev.tandem.contract.CorrelatedOutage> byVersion = new TreeMap<>();
    for (ConsumerRecord<String, dev.tandem.contract.CorrelatedOutage> r :
        OutageLog.outageChanges(six)) {
      if (r.value() != null) {
        dev.tandem.contract.CorrelatedOutage other =
            byVersion.putIfAbsent(r.key() + " v" + r.value().getVersion(), r.value());
        assertThat(other)
            .as(
                "%s v%d published twice, before and after the reset",
                r.key(), r.value().getVersion())
            .isIn(null, r.value());
      }
    }
    assertThat(reprocessed.outages())
        .as(
            "what the reprocess published, on its own: %s",
            OutageLog.differences(trickled.outages(), reprocessed.outages()))
        .isEqualTo(trickled.outages());
  }

  /** 90 days of 60 providers with 6 planted shared outages, in arrival order. */
  private static List<RawStatus> simulatedDays(Path dir) throws Exception {
    SimulationSettings settings = SimulationSettings.of(60, 90, 6, 90);
    Path file = SimulationFiles.write(new Simulator(settings).simulate(), dir).scenario();
    return Scenario.records(List.of(Scenario.parse(settings.name(), Files.readString(file))));
  }

  /** Each week's records in a random order, the weeks in order. */
  private static List<RawStatus> shuffledWithinWeeks(List<RawStatus> records, Random random) {
    Map<Long, List<RawStatus>> weeks = new TreeMap<>();
    for (RawStatus r : records) {
      weeks
          .computeIfAbsent(
              Duration.ofMillis(r.receivedAt().toEpochMilli()).toDays() / 7, w -> new ArrayList<>())
          .add(r);
    }
    List<RawStatus> shuffled = new ArrayList<>();
    weeks
        .values()
        .forEach(
            week -> {
              Collections.shuffle(week, random);
              shuffled.addAll(week);
            });
    return shuffled;
  }

  private static TandemConfig config(String prefix, Path stateDir, int partitions) {
    Map<String, String> values =
        new LinkedHashMap<>(KafkaStack.pipelineConfig(prefix, stateDir).values());
    values.put("tandem.topic.partitions", Integer.toString(partitions));
    return new TandemConfig(values);
  }

  /**
   * Where a run ended: the outages that stand (by id, without versions) and every incident's last
   * value.
   */
  private record Answers(Map<String, OutageLog.Standing> outages, Map<String, String> incidents) {
    static Answers of(TandemConfig config, Map<TopicPartition, Long> from) throws Exception {
      List<ConsumerRecord<String, dev.tandem.contract.CorrelatedOutage>> changes =
          OutageLog.outageChanges(config, from);
      return new Answers(OutageLog.standing(changes), OutageLog.incidents(config));
    }
  }
}
