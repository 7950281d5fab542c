package dev.tandem.pipeline;

import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.deadletter.DeadLetterDeserializationHandler;
import dev.tandem.deadletter.DeadLetterProcessingHandler;
import dev.tandem.deadletter.DeadLetterProductionHandler;
import dev.tandem.io.TextFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tandem's configuration in Kafka's own vocabulary: one flat map of properties from a file, then
 * environment variables {@code TANDEM_<NAME>} ({@code TANDEM_BOOTSTRAP_SERVERS} is {@code
 * bootstrap.servers}), then command-line flags, each overriding the one before. Keys Tandem does
 * not own go to Kafka Streams and the registry client as they are.
 */
public final class TandemConfig {

  public static final String DEFAULT_APPLICATION_ID = "tandem";

  private final Map<String, String> values;

  public TandemConfig(Map<String, String> values) {
    this.values = Map.copyOf(new TreeMap<>(values));
  }

  /** File (may be null), then environment, then explicit overrides. */
  public static TandemConfig load(
      Path file, Map<String, String> environment, Map<String, String> overrides)
      throws IOException {
    Map<String, String> values = new TreeMap<>();
    if (file != null) {
      Properties props = TextFile.properties(file);
      props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name).trim()));
    }
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("TANDEM_") && name.length() > "TANDEM_".length()) {
            values.put(
                name.substring("TANDEM_".length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                value);
          }
        });
    overrides.forEach(
        (name, value) -> {
          if (value != null) {
            values.put(name, value);
          }
        });
    return new TandemConfig(values);
  }

  public Map<String, String> values() {
    return values;
  }

  public String required(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          "Missing required configuration '"
              + key
              + "' (set it with a flag, --config FILE, or TANDEM_"
              + key.toUpperCase(Locale.ROOT).replace('.', '_')
              + ")");
    }
    return value;
  }

  public TandemTopics topics() {
    return TandemTopics.from(values);
  }

  public int topicPartitions() {
    return intValue("tandem.topic.partitions", 3);
  }

  public short topicReplicationFactor() {
    return (short) intValue("tandem.topic.replication.factor", -1);
  }

  public Duration dedupeRetention() {
    return millis("tandem.dedupe.retention.ms", Duration.ofDays(7));
  }

  public CorrelationSettings correlation() {
    CorrelationSettings d = CorrelationSettings.DEFAULTS;
    return new CorrelationSettings(
        millis("tandem.correlate.window.ms", d.window()),
        millis("tandem.correlate.dependency.window.ms", d.dependencyWindow()),
        millis("tandem.correlate.max.span.ms", d.maxSpan()),
        intValue("tandem.correlate.min.providers", d.minProviders()),
        doubleValue("tandem.correlate.min.confidence", d.minConfidence()),
        doubleValue("tandem.correlate.prior.episodes.per.day", d.priorEpisodesPerDay()),
        millis("tandem.correlate.retention.ms", d.retention()),
        millis("tandem.correlate.rate.decay.ms", d.rateDecay()),
        doubleValue("tandem.correlate.prior.weight.days", d.priorWeightDays()),
        doubleValue("tandem.correlate.false.alarms.per.week", d.falseAlarmsPerWeek()));
  }

  /** The shipped graph, or the YAML file named by {@code tandem.dependencies}. */
  public DependencyGraph dependencies() throws IOException {
    String file = values.get("tandem.dependencies");
    if (file == null || file.isBlank()) {
      return DependencyGraph.defaults();
    }
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return DependencyGraph.fromYaml(in, file);
    }
  }

  /** Everything the registry client and serdes read (Confluent's names). */
  public Map<String, Object> registryConfig() {
    Map<String, Object> config = new TreeMap<>(values);
    config.put("schema.registry.url", required("schema.registry.url"));
    return config;
  }

  /** Kafka Streams properties: our defaults, overridden by anything the user set. */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Kafka Streams' own dead-letter queue for records that fail deserialization or processing.
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics().deadLetters());
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProductionHandler.class.getName());
    // Kafka Streams 5.0 makes this the default; opting in now keeps behaviour the same across
    // versions.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    values.forEach(
        (key, value) -> {
          if (!key.startsWith("tandem.")) {
            props.put(key, value);
          }
        });
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, required("bootstrap.servers"));
    // Static membership: an instance that restarts (after a crash, a deploy) rejoins as the member
    // it was, at once, instead of waiting out the session timeout of its former self and then a
    // rebalance. Kafka Streams gives each stream thread its own id from this one.
    // Kafka Streams' own rebalance protocol (group.protocol=streams, KIP-1071) refuses to start
    // with a group.instance.id (Kafka 4.3): whoever opts into it gets it without static membership.
    if (!"streams".equalsIgnoreCase(String.valueOf(props.get(StreamsConfig.GROUP_PROTOCOL_CONFIG)))
        && !props.containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        && !props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
        && !props.containsKey(
            StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))) {
      props.put(
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          instanceId(props));
    }
    return props;
  }

  /**
   * {@code tandem.instance.id}, else one that stays the same across restarts of this instance and
   * differs between instances: the host name and the state directory (two instances on one host
   * cannot share a state directory).
   */
  String instanceId(Properties props) {
    String configured = values.get("tandem.instance.id");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    String stateDir = String.valueOf(props.getOrDefault(StreamsConfig.STATE_DIR_CONFIG, ""));
    String where =
        java.nio.file.Path.of(stateDir.isEmpty() ? "." : stateDir)
            .toAbsolutePath()
            .normalize()
            .toString();
    return props.get(StreamsConfig.APPLICATION_ID_CONFIG)
        + "-"
        + host
        + "-"
        + Integer.toHexString(where.hashCode());
  }

  private int intValue(String key, int fallback) {
    String v = values.get(key);
    try {
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "expected a whole number");
    }
  }

  private double doubleValue(String key, double fallback) {
    String v = values.get(key);
    try {
      return v == null ? fallback : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "expected a number");
    }
  }

  private Duration millis(String key, Duration fallback) {
    String v = values.get(key);
    try {
      return v == null ? fallback : Duration.ofMillis(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, v, "expected a duration in milliseconds");
    }
  }
}
