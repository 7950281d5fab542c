package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.alert.OutageRecords;
import dev.tandem.cli.TandemCommand;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.OutageState;
import dev.tandem.correlate.Outage;
import dev.tandem.demo.ScenarioReplay;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.scenario.Scenario;
import dev.tandem.serde.SpecificAvroDeserializer;
import dev.tandem.testing.KafkaStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tandem reset} on the real broker: after a reset, a new run of the same application
 * reprocesses the raw topic and publishes the same outages, with the same ids, from version 1.
 */
@ExtendWith(KafkaStack.class)
class ResetEndToEndTest {

  @Test
  void aResetPipelineReprocessesTheRawTopicIntoTheSameOutages(@TempDir Path stateDir, @TempDir Path work)
      throws Exception {
    TandemConfig config = KafkaStack.pipelineConfig("e2e-reset", stateDir);
    Path settings = writeProperties(work.resolve("tandem.properties"), config);
    String[] reset = {"reset", "--bootstrap-servers", KafkaStack.bootstrapServers(), "--application-id", "e2e-reset",
        "--state-dir", stateDir.toString(), "--config", settings.toString()};
    Scenario fastly = Scenario.bundled().stream().filter(s -> s.name().equals("fastly-2021-06-08")).findFirst().orElseThrow();
    keepEverything(config.topics().raw(), config.topics().updates());

    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1));
        SchemaRegistryClient client = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
        SpecificAvroDeserializer<Incident> incidents = new SpecificAvroDeserializer<>(Incident.class, client)) {
      incidents.configure(config.registryConfig(), false);
      new ScenarioReplay(KafkaStack.bootstrapServers(), config.topics(), app.applicationId(), incidents)
          .replay(ScenarioReplay.records(List.of(fastly)), Duration.ofMinutes(2), change -> {});

      Cli running = Cli.execute(reset);
      assertThat(running.code()).as("a running pipeline is not reset").isEqualTo(1);
      assertThat(running.err().lines()).singleElement().asString()
          .startsWith("tandem: application 'e2e-reset' is still running").contains("stop every instance");
      // Stopped as an operator would before a reset: leaving the group, or it stays a member until its session times out.
      app.streams().close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));
    }
    Map<TopicPartition, Long> endOfFirstRun = endOffsets(config.topics().outages());
    List<ConsumerRecord<String, CorrelatedOutage>> firstRun = outageChanges(config, Map.of(), endOfFirstRun);
    Map<String, Outage> before = finalOutages(firstRun);
    assertThat(before).hasSize(1);
    assertThat(before.values()).singleElement().satisfies(o -> assertThat(o.providers()).contains("fastly", "amazon"));

    Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets("e2e-reset");
    Cli dryRun = Cli.execute(Stream.concat(Arrays.stream(reset), Stream.of("--dry-run")).toArray(String[]::new));
    assertThat(dryRun.code()).as(dryRun.err()).isZero();
    assertThat(dryRun.out()).startsWith("would reset application 'e2e-reset' (dry run: nothing changed)");
    assertThat(stateDir.resolve("e2e-reset")).as("a dry run keeps the local state").isDirectory();
    assertThat(committedOffsets("e2e-reset")).as("and the committed offsets").isEqualTo(committed);

    Cli done = Cli.execute(reset);
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("reset application 'e2e-reset'")
        .contains("reprocess from the beginning: e2e-reset.raw")
        .contains("skip old records: e2e-reset.incidents")
        .contains("skip old records: e2e-reset.updates")
        .contains("e2e-reset-correlate-outages-changelog");
    assertThat(stateDir.resolve("e2e-reset")).as("local state deleted").doesNotExist();

    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1));
        Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      assertThat(new PipelineProgress(admin, app.applicationId(), config.topics()).awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
    }
    List<ConsumerRecord<String, CorrelatedOutage>> secondRun = outageChanges(config, endOfFirstRun, endOffsets(config.topics().outages()));

    // An outage keeps the id it was first published under (OutageLedger), and which member's
    // record reaches the correlate stage first depends on how the two raw partitions interleave:
    // the id names one of its members; everything else is the same.
    Map<String, Outage> after = finalOutages(secondRun);
    assertThat(withoutIds(after)).as("same providers, members, cause and state").isEqualTo(withoutIds(before));
    for (String id : after.keySet()) {
      assertThat(after.get(id).members()).anySatisfy(m -> assertThat(id).startsWith(m.provider() + "-"));
      CorrelatedOutage first = secondRun.stream().filter(r -> r.key().equals(id)).findFirst().orElseThrow().value();
      assertThat(first.getVersion()).as("the ledger starts over").isEqualTo(1);
      assertThat(first.getState()).isEqualTo(OutageState.OPEN);
      assertThat(last(secondRun, id).getState()).isEqualTo(OutageState.RESOLVED);
    }
    assertThat(last(firstRun, before.keySet().iterator().next()).getState()).isEqualTo(OutageState.RESOLVED);
  }

  private static List<Outage> withoutIds(Map<String, Outage> outages) {
    return outages.values().stream().map(o -> o.withId("")).toList();
  }

  /**
   * A reset reprocesses what the raw topic still holds. The scenario's records carry their 2021
   * timestamps, past any time-based retention: the broker would delete them at its next retention
   * check, so these topics are created ahead of the pipeline (which leaves existing topics alone)
   * with unlimited retention.
   */
  private static void keepEverything(String... topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      admin.createTopics(Arrays.stream(topics)
          .map(name -> new NewTopic(name, Optional.of(2), Optional.empty()).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
          .toList()).all().get();
    }
  }

  /** The outages that stand at the end of these changes, as plain values: ids and content, not versions. */
  private static Map<String, Outage> finalOutages(List<ConsumerRecord<String, CorrelatedOutage>> changes) {
    Map<String, Outage> live = new LinkedHashMap<>();
    for (ConsumerRecord<String, CorrelatedOutage> change : changes) {
      if (change.value() == null || change.value().getState() == OutageState.MERGED) {
        live.remove(change.key());
      } else {
        live.put(change.key(), OutageRecords.fromAvro(change.value()).outage());
      }
    }
    return live;
  }

  private static CorrelatedOutage last(List<ConsumerRecord<String, CorrelatedOutage>> changes, String id) {
    return changes.stream().filter(r -> r.key().equals(id)).reduce((a, b) -> b).orElseThrow().value();
  }

  /** The tandem.topic.* names and the rest of this test's settings, as `tandem reset --config` reads them. */
  private static Path writeProperties(Path file, TandemConfig config) throws Exception {
    Properties props = new Properties();
    props.putAll(config.values());
    try (Writer writer = Files.newBufferedWriter(file)) {
      props.store(writer, null);
    }
    return file;
  }

  private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
  }

  private static Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions);
    }
  }

  /** The committed changes of the outage topic between two positions per partition (from the beginning where none is given). */
  private static List<ConsumerRecord<String, CorrelatedOutage>> outageChanges(
      TandemConfig config, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
    List<ConsumerRecord<String, CorrelatedOutage>> records = new ArrayList<>();
    try (SchemaRegistryClient client = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
        SpecificAvroDeserializer<CorrelatedOutage> outages = new SpecificAvroDeserializer<>(CorrelatedOutage.class, client);
        KafkaConsumer<String, CorrelatedOutage> consumer = consumer(outages)) {
      outages.configure(config.registryConfig(), false);
      consumer.assign(to.keySet());
      to.keySet().forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (to.keySet().stream().anyMatch(p -> consumer.position(p) < to.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
          if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition()))) {
            records.add(r);
          }
        });
      }
    }
    // One id always lands in one partition, so offset order per partition is each outage's history.
    records.sort(Comparator.<ConsumerRecord<String, CorrelatedOutage>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  private static <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), values);
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
