package dev.tandem.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.StreamsResetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets a stopped Tandem application so that its next run reprocesses the raw topic from the
 * beginning: Kafka's {@link StreamsResetter} moves the committed offsets and deletes the internal
 * topics, then the application's local state is deleted, as {@code KafkaStreams#cleanUp()} would.
 *
 * <p>The pipeline writes {@code tandem.status.updates} and reads it back itself. Reprocessing the
 * raw topic writes it anew, so its old records are skipped (their offsets move to the end): reading
 * them as well would feed every update through the pipeline twice. ({@code tandem.incidents} is
 * only written: track hands its incidents to correlate by the repartition topic.) What Kafka calls
 * intermediate topics; its {@code --intermediate-topics} option is deprecated, so the same
 * positions go to the resetter as a reset plan, in one commit.
 */
public final class PipelineReset {

  private static final Logger log = LoggerFactory.getLogger(PipelineReset.class);

  /** System.out and System.err are process-wide: one capture at a time. */
  private static final Object CONSOLE = new Object();

  private final TandemConfig config;
  private final String applicationId;
  private final Path localState;

  /** Checks the configuration before anything is contacted: a reset cannot be undone. */
  public PipelineReset(TandemConfig config) {
    this.config = config;
    // Required, not defaulted: resetting the wrong application would throw away its state.
    this.applicationId = config.required(StreamsConfig.APPLICATION_ID_CONFIG);
    config.required(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    this.localState = localStateDirectory(config, applicationId);
  }

  /**
   * What a reset does, or did.
   *
   * @param fromBeginning topics read again from their beginning, with the offset each partition
   *     restarts at
   * @param skipped topics whose old records are skipped, with the offset each partition restarts at
   * @param internalTopics the application's changelog and repartition topics, deleted
   * @param localState the directory of the application's local state, deleted (it may not exist)
   */
  public record Outcome(
      String applicationId,
      Map<TopicPartition, Long> fromBeginning,
      Map<TopicPartition, Long> skipped,
      List<String> internalTopics,
      Path localState,
      boolean dryRun) {}

  /**
   * Resets the application, or with {@code dryRun} only says what a reset would do.
   *
   * @param reprocessUpdates also read {@code tandem.status.updates} from its beginning, for
   *     deployments where apps publish StatusUpdates there directly: the updates the raw topic
   *     yields again are then read twice, and the track stage drops the exact repeats
   * @throws IllegalStateException when an instance of the application is still running, the raw
   *     topic does not exist, or the resetter fails; the message says which, in one line
   */
  public Outcome run(boolean reprocessUpdates, boolean dryRun) {
    TandemTopics topics = config.topics();
    Map<String, Object> client = clientProperties();
    BrokerReachability.check(client, config.connectTimeout());
    Outcome outcome;
    try (Admin admin = Admin.create(client)) {
      requireStopped(admin);
      Set<String> existing = admin.listTopics().names().get();
      if (!existing.contains(topics.raw())) {
        throw new IllegalStateException(
            "topic '"
                + topics.raw()
                + "' does not exist: nothing to reprocess"
                + " (check tandem.topic.raw and bootstrap.servers)");
      }
      List<String> replayed =
          reprocessUpdates ? List.of(topics.raw(), topics.updates()) : List.of(topics.raw());
      List<String> skipped =
          new ArrayList<>(reprocessUpdates ? List.of() : List.of(topics.updates()));
      // Not there yet means the pipeline never wrote them: nothing to skip.
      skipped.retainAll(existing);
      outcome =
          new Outcome(
              applicationId,
              offsets(
                  admin,
                  replayed.stream().filter(existing::contains).toList(),
                  OffsetSpec.earliest()),
              offsets(admin, skipped, OffsetSpec.latest()),
              existing.stream()
                  .filter(
                      name ->
                          name.startsWith(applicationId + "-")
                              && StreamsResetter.matchesInternalTopicFormat(name))
                  .sorted()
                  .toList(),
              localState,
              dryRun);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not inspect application '"
              + applicationId
              + "' on Kafka: "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    }
    resetOffsetsAndDeleteInternalTopics(outcome, client);
    if (!dryRun) {
      deleteRecursively(outcome.localState());
    }
    return outcome;
  }

  /** The resetter checks this too; checking first gives a clearer message than its own. */
  private void requireStopped(Admin admin) throws ExecutionException, InterruptedException {
    ConsumerGroupDescription group;
    try {
      group =
          admin
              .describeConsumerGroups(List.of(applicationId))
              .describedGroups()
              .get(applicationId)
              .get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      throw e;
    }
    if (!group.members().isEmpty()) {
      List<String> members =
          group.members().stream().map(MemberDescription::clientId).sorted().toList();
      throw new IllegalStateException(
          "application '"
              + applicationId
              + "' is still running ("
              + members.size()
              + " member"
              + (members.size() == 1 ? "" : "s")
              + ": "
              + String.join(", ", members)
              + "); stop every instance before resetting it (one stopped without leaving its group stays a member until"
              + " its session times out, session.timeout.ms)");
    }
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, List<String> topics, OffsetSpec spec)
      throws ExecutionException, InterruptedException {
    if (topics.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
    for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
      topic
          .partitions()
          .forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()), spec));
    }
    Map<TopicPartition, Long> offsets =
        new TreeMap<>(
            Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
    admin
        .listOffsets(request)
        .all()
        .get()
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  /**
   * One run of the resetter: every source topic with its restart offset in one plan, so one commit
   * moves them all.
   */
  private void resetOffsetsAndDeleteInternalTopics(Outcome outcome, Map<String, Object> client) {
    Map<TopicPartition, Long> plan = new LinkedHashMap<>(outcome.fromBeginning());
    plan.putAll(outcome.skipped());
    Set<String> sourceTopics = new HashSet<>();
    plan.keySet().forEach(p -> sourceTopics.add(p.topic()));
    Path work = null;
    try {
      work = Files.createTempDirectory("tandem-reset");
      Path planFile = work.resolve("plan.csv");
      StringBuilder csv = new StringBuilder();
      plan.forEach(
          (p, offset) ->
              csv.append(p.topic())
                  .append(',')
                  .append(p.partition())
                  .append(',')
                  .append(offset)
                  .append('\n'));
      Files.writeString(planFile, csv);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--application-id", applicationId,
                  "--bootstrap-server",
                      String.valueOf(client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)),
                  "--input-topics", String.join(",", sourceTopics.stream().sorted().toList()),
                  "--from-file", planFile.toString(),
                  "--command-config",
                      writeClientConfig(work.resolve("client.properties"), client).toString()));
      if (outcome.dryRun()) {
        args.add("--dry-run");
      }
      runResetter(args);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the reset plan: " + e.getMessage(), e);
    } finally {
      deleteRecursively(work);
    }
  }

  /**
   * The resetter reports only on the console and returns an exit code; its output goes to the log
   * and, when it fails, its error line into the exception.
   */
  private static void runResetter(List<String> args) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int code;
    synchronized (CONSOLE) {
      PrintStream out = System.out;
      PrintStream err = System.err;
      try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        System.setErr(capture);
        code = new StreamsResetter().execute(args.toArray(String[]::new));
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
    }
    String said = console.toString(StandardCharsets.UTF_8);
    log.debug("StreamsResetter {}:\n{}", args, said);
    if (code != 0) {
      throw new IllegalStateException("the reset failed: " + errorLine(said));
    }
  }

  /**
   * The resetter's own words: "ERROR: java.lang.IllegalStateException: Consumer group … is still
   * active" → the message.
   */
  static String errorLine(String said) {
    List<String> lines = said.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    for (String line : lines) {
      if (line.startsWith("ERROR: ")) {
        return line.substring("ERROR: ".length()).replaceFirst("^[\\w.$]+(Exception|Error): ", "");
      }
    }
    return lines.isEmpty() ? "StreamsResetter gave no reason" : lines.get(lines.size() - 1);
  }

  /**
   * Connection and security settings for the resetter's admin client and consumer, from the same
   * configuration the pipeline runs with (file, environment, flags).
   */
  private Map<String, Object> clientProperties() {
    Set<String> clientKeys = new HashSet<>(AdminClientConfig.configNames());
    clientKeys.addAll(ConsumerConfig.configNames());
    Map<String, Object> client = new TreeMap<>();
    config
        .values()
        .forEach(
            (key, value) -> {
              // The resetter sets its own group; everything else that a client understands passes
              // through.
              if ((clientKeys.contains(key)
                      && !key.startsWith("group.")
                      && !key.equals(ConsumerConfig.CLIENT_ID_CONFIG))
                  || ConfigProviderSettings.isProviderSetting(key)) {
                client.put(key, value);
              }
            });
    client.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.required(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    return client;
  }

  /** Owner-only: it may hold credentials. */
  private static Path writeClientConfig(Path file, Map<String, Object> client) throws IOException {
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties props = new Properties();
    client.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
    try (Writer writer = Files.newBufferedWriter(file)) {
      props.store(writer, "tandem reset: client settings for StreamsResetter");
    }
    return file;
  }

  /** {@code <state.dir>/<application.id>}, the directory {@code KafkaStreams#cleanUp()} deletes. */
  static Path localStateDirectory(TandemConfig config, String applicationId) {
    String configured = config.values().get(StreamsConfig.STATE_DIR_CONFIG);
    Path stateDir =
        Path.of(
                configured != null && !configured.isBlank()
                    ? configured
                    : String.valueOf(
                        StreamsConfig.configDef()
                            .defaultValues()
                            .get(StreamsConfig.STATE_DIR_CONFIG)))
            .toAbsolutePath()
            .normalize();
    Path app = stateDir.resolve(applicationId).normalize();
    // An id like ".." must never turn the deletion onto the state directory or above it.
    if (!stateDir.equals(app.getParent())) {
      throw new IllegalArgumentException(
          "application id '" + applicationId + "' does not name a directory inside " + stateDir);
    }
    return app;
  }

  private static void deleteRecursively(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
