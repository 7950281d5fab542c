package dev.tandem.cli;

import dev.tandem.pipeline.PipelineReset;
import dev.tandem.pipeline.TandemConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem reset}: makes a stopped pipeline reprocess its raw input from the beginning on its
 * next run, with Kafka's own StreamsResetter (as bakdata's streams-bootstrap {@code reset} does).
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Resets a stopped Tandem application so that its next run (tandem run with the same application id)"
          + " reprocesses tandem.status.raw from the beginning and publishes the same outages, with the same ids,"
          + " from version 1 again. Every instance must be stopped first.",
      "With Kafka's StreamsResetter: tandem.status.raw is read again from its beginning;"
          + " tandem.status.updates, which the pipeline writes and reads itself, skips its old"
          + " records (reprocessing the raw topic writes them anew; reading the old ones too would process every"
          + " update twice); the application's changelog and repartition topics are deleted. Then its local state,"
          + " <state.dir>/<application.id>, is deleted (what KafkaStreams#cleanUp() does).",
      "Old records stay on every topic: consumers of tandem.outages see each outage again, from version 1."
          + " Topic names come from tandem.topic.* (--config FILE or TANDEM_TOPIC_*), as for tandem run."
    })
final class ResetCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description =
          "Kafka Streams application.id of the pipeline to reset. Required here (flag, --config or"
              + " TANDEM_APPLICATION_ID): a reset cannot be undone, so it never falls back to the default.")
  String applicationId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Kafka Streams state.dir the pipeline ran with (default: Kafka's, <tmp>/kafka-streams).")
  Path stateDir;

  @Option(
      names = "--reprocess-updates",
      description =
          "Also read tandem.status.updates from its beginning, for when apps publish StatusUpdates there"
              + " directly: those are otherwise not reprocessed. The updates the raw topic yields again are then read"
              + " twice; the track stage drops the exact repeats.")
  boolean reprocessUpdates;

  @Option(names = "--dry-run", description = "Say what the reset would do, and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("application.id", applicationId);
    flags.put("state.dir", stateDir == null ? null : stateDir.toString());
    TandemConfig config = cluster.load(flags);
    PipelineReset.Outcome outcome = new PipelineReset(config).run(reprocessUpdates, dryRun);

    PrintWriter out = spec.commandLine().getOut();
    out.println(
        (dryRun ? "would reset" : "reset")
            + " application '"
            + outcome.applicationId()
            + "'"
            + (dryRun ? " (dry run: nothing changed)" : ""));
    describe(out, "reprocess from the beginning", outcome.fromBeginning());
    describe(out, "skip old records", outcome.skipped());
    out.println(
        "  delete internal topics: "
            + (outcome.internalTopics().isEmpty()
                ? "none"
                : String.join(", ", outcome.internalTopics())));
    out.println("  delete local state: " + outcome.localState());
    if (!dryRun) {
      out.println(
          "Start the pipeline with application id '" + outcome.applicationId() + "' to reprocess.");
    }
    out.flush();
    return 0;
  }

  private static void describe(PrintWriter out, String what, Map<TopicPartition, Long> offsets) {
    Map<String, List<String>> byTopic = new TreeMap<>();
    offsets.forEach(
        (p, offset) ->
            byTopic
                .computeIfAbsent(p.topic(), t -> new ArrayList<>())
                .add("partition " + p.partition() + " at offset " + offset));
    byTopic.forEach(
        (topic, partitions) ->
            out.println("  " + what + ": " + topic + " (" + String.join(", ", partitions) + ")"));
  }
}
