package dev.tandem.bench;

import dev.tandem.pipeline.TandemConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tandem's settings for one measured run: its own topics and application id (a prefix), so runs on
 * the same broker never see each other's records; everything else as a user gets it, unless the run
 * is about that setting.
 */
final class TandemRun {

  private TandemRun() {}

  /**
   * @param streamThreads {@code num.stream.threads} of the instance (Tandem leaves Kafka's 1)
   * @param dependencies a dependencies file in place of the shipped one, or null
   */
  static TandemConfig config(
      InProcessStack stack,
      String prefix,
      Path stateDir,
      int partitions,
      long commitIntervalMs,
      int streamThreads,
      Path dependencies) {
    Map<String, String> settings = base(stack.bootstrapServers(), stack.registryUrl());
    settings.put("application.id", prefix);
    settings.put("state.dir", stateDir.toString());
    settings.put("tandem.topic.partitions", Integer.toString(partitions));
    settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
    if (streamThreads != 1) {
      // Only when asked: with one thread the run is exactly what a user gets by default.
      settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
    }
    for (String role : List.of("raw", "updates", "incidents", "outages", "outages.json", "dlq")) {
      settings.put("tandem.topic." + role, prefix + "." + role);
    }
    if (dependencies != null) {
      settings.put("tandem.dependencies", dependencies.toString());
    }
    return load(settings);
  }

  /**
   * The commit interval Tandem runs with when none is set ({@code
   * TandemConfig.COMMIT_INTERVAL_MS}), read from the properties Tandem gives Kafka Streams so that
   * a change shows here.
   */
  static long defaultCommitIntervalMs() {
    TandemConfig defaults = load(base("127.0.0.1:9092", "http://127.0.0.1:8081"));
    return new StreamsConfig(defaults.streamsProperties())
        .getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
  }

  private static Map<String, String> base(String bootstrapServers, String registryUrl) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("bootstrap.servers", bootstrapServers);
    settings.put("schema.registry.url", registryUrl);
    return settings;
  }

  private static TandemConfig load(Map<String, String> settings) {
    try {
      // No file and no environment: TANDEM_* variables of the shell must not change a figure.
      return TandemConfig.load(null, Map.of(), settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
