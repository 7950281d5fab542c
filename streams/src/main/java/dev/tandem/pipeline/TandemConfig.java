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
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tandem's configuration in Kafka's own vocabulary: one flat map of properties from a file, then
 * environment variables ({@code TANDEM_BOOTSTRAP_SERVERS} is Kafka's {@code bootstrap.servers},
 * {@code TANDEM_CORRELATE_WINDOW_MS} Tandem's {@code tandem.correlate.window.ms}), then
 * command-line flags, each overriding the one before. Tandem's own settings ({@code tandem.*}) are
 * declared in {@link TandemSettings} and checked against it when the configuration is made; keys
 * Tandem does not own go to Kafka Streams and the registry client as they are.
 */
public final class TandemConfig {

  public static final String DEFAULT_APPLICATION_ID = "tandem";

  private final Map<String, String> values;
  private final Map<String, Object> settings;
  private DependencyGraph dependencies;

  /**
   * @throws ConfigException when a Tandem setting is unknown or its value is not valid
   */
  public TandemConfig(Map<String, String> values) {
    this.values = Map.copyOf(new TreeMap<>(values));
    TandemSettings.requireKnown(this.values);
    Map<String, String> given = new TreeMap<>();
    // A blank value is no value: the default applies, as when the key is absent.
    this.values.forEach(
        (key, value) -> {
          if (TandemSettings.isTandemKey(key)
              && !value.isBlank()
              && TandemSettings.secretOfFile(key).isEmpty()) {
            given.put(key, value);
          }
        });
    this.values.forEach(
        (key, file) ->
            TandemSettings.secretOfFile(key)
                .filter(secret -> !file.isBlank())
                .ifPresent(secret -> given.put(secret, secretFromFile(secret, key, file, given))));
    this.settings = TandemSettings.DEFINITION.parse(given);
  }

  /**
   * The secret a {@code .file} setting names: the file's text without surrounding whitespace (a
   * trailing newline is no part of a secret). Never the secret in a message.
   */
  private static String secretFromFile(
      String secret, String key, String file, Map<String, String> given) {
    if (given.containsKey(secret)) {
      throw new ConfigException("Both '" + secret + "' and '" + key + "' are set; set one of them");
    }
    try {
      String text = dev.tandem.io.TextFile.read(Path.of(file.strip())).strip();
      if (text.isEmpty()) {
        throw new ConfigException(key + ": " + file.strip() + " is empty");
      }
      return text;
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  /** File (may be null), then environment, then explicit overrides (null values are skipped). */
  public static TandemConfig load(
      Path file, Map<String, String> environment, Map<String, String> overrides)
      throws IOException {
    Map<String, String> values = new TreeMap<>();
    if (file != null) {
      Properties props = TextFile.properties(file);
      props.stringPropertyNames().forEach(name -> values.put(name, props.getProperty(name).trim()));
    }
    new TreeMap<>(environment)
        .forEach(
            (variable, value) ->
                TandemSettings.keyOf(variable).ifPresent(key -> values.put(key, value)));
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
              + "' (set it with a flag, --config FILE, or "
              + TandemSettings.environmentVariable(key)
              + ")");
    }
    return value;
  }

  /** Kafka client properties: every key that is not Tandem's own. */
  public Properties clientProperties() {
    Properties props = new Properties();
    values.forEach(
        (key, value) -> {
          if (!TandemSettings.isTandemKey(key)) {
            props.put(key, value);
          }
        });
    return props;
  }

  public TandemTopics topics() {
    return new TandemTopics(
        string(TandemSettings.TOPIC_RAW),
        string(TandemSettings.TOPIC_UPDATES),
        string(TandemSettings.TOPIC_INCIDENTS),
        string(TandemSettings.TOPIC_OUTAGES),
        string(TandemSettings.TOPIC_OUTAGES_JSON),
        string(TandemSettings.TOPIC_DLQ));
  }

  public int topicPartitions() {
    return (Integer) settings.get(TandemSettings.TOPIC_PARTITIONS);
  }

  public short topicReplicationFactor() {
    return (Short) settings.get(TandemSettings.TOPIC_REPLICATION_FACTOR);
  }

  public Duration dedupeRetention() {
    return millis(TandemSettings.DEDUPE_RETENTION_MS);
  }

  public Duration connectTimeout() {
    return millis(TandemSettings.CONNECT_TIMEOUT_MS);
  }

  /** The address the API listens on, when set ({@code serve.HttpAccess} chooses otherwise). */
  public String httpHost() {
    return string(TandemSettings.HTTP_HOST);
  }

  /** A secret setting's value, or null when unset. */
  public String secret(String key) {
    Password value = (Password) settings.get(key);
    return value == null ? null : value.value();
  }

  public boolean httpAllowAnonymous() {
    return (Boolean) settings.get(TandemSettings.HTTP_ALLOW_ANONYMOUS);
  }

  /** The API's port: 0 for any free one, -1 for no API. */
  public int httpPort() {
    return (Integer) settings.get(TandemSettings.HTTP_PORT);
  }

  /**
   * This instance's API address as the others reach it ({@code application.server}), or null when
   * unset (one instance).
   */
  public org.apache.kafka.streams.state.HostInfo advertisedServer() {
    Object server =
        streamsProperties().get(org.apache.kafka.streams.StreamsConfig.APPLICATION_SERVER_CONFIG);
    return server == null || server.toString().isBlank()
        ? null
        : org.apache.kafka.streams.state.HostInfo.buildFromEndpoint(server.toString());
  }

  public int registryMaxFailures() {
    return (Integer) settings.get(TandemSettings.REGISTRY_MAX_FAILURES);
  }

  /** The webhook secret, or null when none is set. */
  public String webhookToken() {
    return secret(TandemSettings.WEBHOOK_TOKEN);
  }

  /** The notification targets' names as listed (unchecked: the notify package checks them). */
  public java.util.List<String> notifyTargets() {
    String listed = string(TandemSettings.NOTIFY_TARGETS);
    if (listed == null) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(listed.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .toList();
  }

  /** The dashboard's base URL for links in notifications, or null. */
  public String notifyDashboardUrl() {
    return string(TandemSettings.NOTIFY_DASHBOARD_URL);
  }

  public Duration notifyRetryBackoff() {
    return millis(TandemSettings.NOTIFY_RETRY_BACKOFF_MS);
  }

  public Duration notifyRetryBackoffMax() {
    return millis(TandemSettings.NOTIFY_RETRY_BACKOFF_MAX_MS);
  }

  public Duration notifyTimeout() {
    return millis(TandemSettings.NOTIFY_TIMEOUT_MS);
  }

  /**
   * @throws ConfigException when the settings contradict each other
   */
  public CorrelationSettings correlation() {
    try {
      return CorrelationSettings.DEFAULTS.toBuilder()
          .window(millis(TandemSettings.CORRELATE_WINDOW_MS))
          .dependencyWindow(millis(TandemSettings.CORRELATE_DEPENDENCY_WINDOW_MS))
          .maxSpan(millis(TandemSettings.CORRELATE_MAX_SPAN_MS))
          .minProviders((Integer) settings.get(TandemSettings.CORRELATE_MIN_PROVIDERS))
          .minConfidence(number(TandemSettings.CORRELATE_MIN_CONFIDENCE))
          .priorEpisodesPerDay(number(TandemSettings.CORRELATE_PRIOR_EPISODES_PER_DAY))
          .retention(millis(TandemSettings.CORRELATE_RETENTION_MS))
          .rateDecay(millis(TandemSettings.CORRELATE_RATE_DECAY_MS))
          .priorWeightDays(number(TandemSettings.CORRELATE_PRIOR_WEIGHT_DAYS))
          .falseAlarmsPerWeek(number(TandemSettings.CORRELATE_FALSE_ALARMS_PER_WEEK))
          .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid tandem.correlate.* settings: " + e.getMessage());
    }
  }

  /**
   * The shipped graph, or the YAML file named by {@code tandem.dependencies}; read once, so that
   * the check at start, the correlator and the API share one graph even if the file changes.
   */
  public synchronized DependencyGraph dependencies() throws IOException {
    if (dependencies == null) {
      String file = string(TandemSettings.DEPENDENCIES);
      if (file == null) {
        dependencies = DependencyGraph.defaults();
      } else {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          dependencies = DependencyGraph.fromYaml(in, file);
        }
      }
    }
    return dependencies;
  }

  /** Everything the registry client and serdes read (Confluent's names). */
  public Map<String, Object> registryConfig() {
    Map<String, Object> config = new TreeMap<>(values);
    config.put("schema.registry.url", required("schema.registry.url"));
    return config;
  }

  /**
   * Tandem's {@code commit.interval.ms} unless set: half Kafka Streams' exactly-once default. Under
   * exactly-once a record crosses a topic between stages only when the stage before it commits, and
   * an alert crosses two (updates, then the one-partition repartition topic) before its own commit
   * makes it readable: about three commit intervals. Measured (bench/RESULTS.md): p99 from the raw
   * record to the readable alert 428 ms at 100 ms, 251 ms at 50 ms, 138 ms at 20 ms; 50 ms meets
   * the 300 ms goal with room and is 20 transactions a second, not 50.
   */
  public static final long COMMIT_INTERVAL_MS = 50;

  /** Kafka Streams properties: our defaults, overridden by anything the user set. */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL_MS));
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
    // All stores share one bounded block cache and memtable budget (design §8).
    props.put(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
    props.put(
        TandemSettings.ROCKSDB_MEMORY_BYTES,
        settings.get(TandemSettings.ROCKSDB_MEMORY_BYTES).toString());
    props.putAll(clientProperties());
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
    String configured = string(TandemSettings.INSTANCE_ID);
    if (configured != null) {
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

  private String string(String key) {
    return (String) settings.get(key);
  }

  private double number(String key) {
    return (Double) settings.get(key);
  }

  private Duration millis(String key) {
    return Duration.ofMillis((Long) settings.get(key));
  }
}
