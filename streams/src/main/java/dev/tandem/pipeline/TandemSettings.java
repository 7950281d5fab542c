package dev.tandem.pipeline;

import dev.tandem.correlate.CorrelationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of Tandem's own, declared once in Kafka's {@link ConfigDef} style: key, type,
 * default, validator and what it means. {@link TandemConfig} reads them through this declaration,
 * {@code README.md}'s settings table is checked against it, and {@link #environmentVariable} names
 * the variable that sets each. The reasons behind the correlation defaults are in {@link
 * CorrelationSettings}, where they are chosen.
 */
public final class TandemSettings {

  public static final String TOPIC_RAW = "tandem.topic.raw";
  public static final String TOPIC_UPDATES = "tandem.topic.updates";
  public static final String TOPIC_INCIDENTS = "tandem.topic.incidents";
  public static final String TOPIC_OUTAGES = "tandem.topic.outages";
  public static final String TOPIC_OUTAGES_JSON = "tandem.topic.outages.json";
  public static final String TOPIC_DLQ = "tandem.topic.dlq";
  public static final String TOPIC_PARTITIONS = "tandem.topic.partitions";
  public static final String TOPIC_REPLICATION_FACTOR = "tandem.topic.replication.factor";
  public static final String DEDUPE_RETENTION_MS = "tandem.dedupe.retention.ms";
  public static final String CORRELATE_FALSE_ALARMS_PER_WEEK =
      "tandem.correlate.false.alarms.per.week";
  public static final String CORRELATE_WINDOW_MS = "tandem.correlate.window.ms";
  public static final String CORRELATE_DEPENDENCY_WINDOW_MS =
      "tandem.correlate.dependency.window.ms";
  public static final String CORRELATE_MAX_SPAN_MS = "tandem.correlate.max.span.ms";
  public static final String CORRELATE_MIN_PROVIDERS = "tandem.correlate.min.providers";
  public static final String CORRELATE_MIN_CONFIDENCE = "tandem.correlate.min.confidence";
  public static final String CORRELATE_PRIOR_EPISODES_PER_DAY =
      "tandem.correlate.prior.episodes.per.day";
  public static final String CORRELATE_PRIOR_WEIGHT_DAYS = "tandem.correlate.prior.weight.days";
  public static final String CORRELATE_RATE_DECAY_MS = "tandem.correlate.rate.decay.ms";
  public static final String CORRELATE_RETENTION_MS = "tandem.correlate.retention.ms";
  public static final String DEPENDENCIES = "tandem.dependencies";
  public static final String CONNECT_TIMEOUT_MS = "tandem.connect.timeout.ms";
  public static final String REGISTRY_MAX_FAILURES = "tandem.registry.max.failures";
  public static final String INSTANCE_ID = "tandem.instance.id";
  public static final String WEBHOOK_TOKEN = "tandem.webhook.token";
  public static final String ROCKSDB_MEMORY_BYTES = "tandem.rocksdb.memory.bytes";
  public static final String HTTP_HOST = "tandem.http.host";
  public static final String HTTP_PORT = "tandem.http.port";
  public static final String HTTP_READ_TOKEN = "tandem.http.read.token";
  public static final String HTTP_ADMIN_TOKEN = "tandem.http.admin.token";
  public static final String HTTP_READ_BASIC = "tandem.http.read.basic";
  public static final String HTTP_ADMIN_BASIC = "tandem.http.admin.basic";
  public static final String HTTP_ALLOW_ANONYMOUS = "tandem.http.allow.anonymous";
  public static final String WEBHOOK_SIGNING_SECRETS = "tandem.webhook.signing.secrets";

  /**
   * A secret setting {@code X} may be given as {@code X.file} instead, naming the file that holds
   * it (a mounted Docker or Kubernetes secret): the secret then appears in no environment and no
   * settings file.
   */
  public static final String SECRET_FILE_SUFFIX = ".file";

  public static final String NOTIFY_TARGETS = "tandem.notify.targets";
  public static final String NOTIFY_DASHBOARD_URL = "tandem.notify.dashboard.url";
  public static final String NOTIFY_RETRY_BACKOFF_MS = "tandem.notify.retry.backoff.ms";
  public static final String NOTIFY_RETRY_BACKOFF_MAX_MS = "tandem.notify.retry.backoff.max.ms";
  public static final String NOTIFY_TIMEOUT_MS = "tandem.notify.timeout.ms";

  /**
   * The prefix of the notification settings. Besides the declared ones, each target named in {@link
   * #NOTIFY_TARGETS} has keys of its own ({@code tandem.notify.<target>.type}, ...), which the
   * notify package checks when notifications start: they cannot be declared here ahead of time.
   */
  public static final String NOTIFY_PREFIX = "tandem.notify.";

  /** The prefix of every Tandem setting; keys without it belong to Kafka or the registry client. */
  public static final String PREFIX = "tandem.";

  /** The prefix of the environment variables that set Tandem's and Kafka's settings. */
  public static final String ENVIRONMENT_PREFIX = "TANDEM_";

  private static final CorrelationSettings C = CorrelationSettings.DEFAULTS;

  public static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              TOPIC_RAW,
              Type.STRING,
              TandemTopics.DEFAULTS.raw(),
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "raw vendor documents: `publish` and `collect` write here, the pipeline reads here")
          .define(
              TOPIC_UPDATES,
              Type.STRING,
              TandemTopics.DEFAULTS.updates(),
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              "one normalized `StatusUpdate` (Avro) per vendor update")
          .define(
              TOPIC_INCIDENTS,
              Type.STRING,
              TandemTopics.DEFAULTS.incidents(),
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              "each incident's lifecycle so far (Avro, compacted)")
          .define(
              TOPIC_OUTAGES,
              Type.STRING,
              TandemTopics.DEFAULTS.outages(),
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "correlated outages (Avro, compacted)")
          .define(
              TOPIC_OUTAGES_JSON,
              Type.STRING,
              TandemTopics.DEFAULTS.outagesJson(),
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "the same outages as JSON (compacted)")
          .define(
              TOPIC_DLQ,
              Type.STRING,
              TandemTopics.DEFAULTS.deadLetters(),
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              "records that could not be processed, the reason in their headers")
          .define(
              TOPIC_PARTITIONS,
              Type.INT,
              3,
              Range.atLeast(1),
              Importance.MEDIUM,
              "partitions of the topics Tandem creates (`run --partitions`)")
          .define(
              TOPIC_REPLICATION_FACTOR,
              Type.SHORT,
              (short) -1,
              (name, value) -> {
                short factor = (Short) value;
                if (factor != -1 && factor < 1) {
                  throw new ConfigException(name, value, "expected -1 or at least 1");
                }
              },
              Importance.MEDIUM,
              "replication factor of the topics Tandem creates, -1 for the broker's default"
                  + " (`run --replication-factor`)")
          .define(
              DEDUPE_RETENTION_MS,
              Type.LONG,
              Duration.ofDays(7).toMillis(),
              Range.atLeast(1),
              Importance.LOW,
              "how long an update id is remembered, to drop repeats")
          .define(
              CORRELATE_FALSE_ALARMS_PER_WEEK,
              Type.DOUBLE,
              C.falseAlarmsPerWeek(),
              positive(),
              Importance.HIGH,
              "the false-alarm budget: how often the background alone may make an outage")
          .define(
              CORRELATE_WINDOW_MS,
              Type.LONG,
              C.window().toMillis(),
              Range.atLeast(1),
              Importance.HIGH,
              "two providers alone make a burst within this; dependents of one upstream are"
                  + " linked within it")
          .define(
              CORRELATE_DEPENDENCY_WINDOW_MS,
              Type.LONG,
              C.dependencyWindow().toMillis(),
              Range.atLeast(1),
              Importance.MEDIUM,
              "a dependent and its upstream are linked within this (at least the window)")
          .define(
              CORRELATE_MAX_SPAN_MS,
              Type.LONG,
              C.maxSpan().toMillis(),
              Range.atLeast(1),
              Importance.MEDIUM,
              "an outage's onsets span at most this")
          .define(
              CORRELATE_MIN_PROVIDERS,
              Type.INT,
              C.minProviders(),
              Range.atLeast(2),
              Importance.MEDIUM,
              "providers an outage needs")
          .define(
              CORRELATE_MIN_CONFIDENCE,
              Type.DOUBLE,
              C.minConfidence(),
              Range.between(0, 1),
              Importance.MEDIUM,
              "confidence an outage linked by evidence needs")
          .define(
              CORRELATE_PRIOR_EPISODES_PER_DAY,
              Type.DOUBLE,
              C.priorEpisodesPerDay(),
              positive(),
              Importance.LOW,
              "incident rate of a provider never seen")
          .define(
              CORRELATE_PRIOR_WEIGHT_DAYS,
              Type.DOUBLE,
              C.priorWeightDays(),
              positive(),
              Importance.LOW,
              "days of observation the prior is worth")
          .define(
              CORRELATE_RATE_DECAY_MS,
              Type.LONG,
              C.rateDecay().toMillis(),
              Range.atLeast(1),
              Importance.LOW,
              "how fast old episodes stop counting toward a rate")
          .define(
              CORRELATE_RETENTION_MS,
              Type.LONG,
              C.retention().toMillis(),
              Range.atLeast(1),
              Importance.LOW,
              "how long incidents are held for correlation")
          .define(
              DEPENDENCIES,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "YAML dependency graph (providers, components, aliases) replacing the shipped one"
                  + " (`--dependencies`)")
          .define(
              CONNECT_TIMEOUT_MS,
              Type.LONG,
              Duration.ofSeconds(15).toMillis(),
              Range.atLeast(1),
              Importance.MEDIUM,
              "how long a command waits for the brokers, and `run` for the registry, to answer"
                  + " before it exits 1")
          .define(
              REGISTRY_MAX_FAILURES,
              Type.INT,
              3,
              Range.atLeast(1),
              Importance.LOW,
              "pipeline threads in a row that may fail on an unreachable registry before the"
                  + " application stops")
          .define(
              ROCKSDB_MEMORY_BYTES,
              Type.LONG,
              BoundedRocksDbMemory.DEFAULT_BYTES,
              Range.atLeast(8L * 1024 * 1024),
              Importance.MEDIUM,
              "off-heap memory all RocksDB stores of the JVM share: block cache, index and filter"
                  + " blocks, and memtables (half of it)")
          .define(
              INSTANCE_ID,
              Type.STRING,
              null,
              Importance.LOW,
              "this instance's static group membership id; unset: application id, host name and"
                  + " state directory")
          .define(
              WEBHOOK_TOKEN,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "shared secret `collect`'s webhooks must send, in the URL (`?token=`) or in"
                  + " `X-Tandem-Token` (`--webhook-token-file`); unset: none required")
          .define(
              WEBHOOK_SIGNING_SECRETS,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "signing secrets of webhooks signed the Standard Webhooks way (incident.io, through"
                  + " Svix), as `provider=whsec_…` pairs separated by commas: a provider listed"
                  + " here is accepted only with a valid, fresh signature")
          .define(
              HTTP_HOST,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "address the HTTP API, dashboard and health checks listen on; unset: 127.0.0.1"
                  + " without credentials, 0.0.0.0 with them")
          .define(
              HTTP_READ_TOKEN,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "bearer token that may read the API, dashboard, event stream and metrics")
          .define(
              HTTP_ADMIN_TOKEN,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "bearer token that may also read the admin paths (`/api/config`)")
          .define(
              HTTP_READ_BASIC,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "`user:password` for basic auth with the read role (what a browser asks for)")
          .define(
              HTTP_ADMIN_BASIC,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "`user:password` for basic auth with the admin role")
          .define(
              HTTP_ALLOW_ANONYMOUS,
              Type.BOOLEAN,
              false,
              Importance.LOW,
              "let the API listen beyond 127.0.0.1 without credentials (behind a proxy that"
                  + " guards it, or in a private network)")
          .define(
              HTTP_PORT,
              Type.INT,
              8080,
              Range.between(-1, 65535),
              Importance.MEDIUM,
              "port of `run`'s HTTP API and health checks (`--http-port`); 0: any free port, -1:"
                  + " none. With several instances, set `application.server` to the host and port"
                  + " the others reach this one's API at")
          .define(
              NOTIFY_TARGETS,
              Type.STRING,
              null,
              Importance.HIGH,
              "notification targets of `run`, by name (`[a-z0-9-]+`); each is set by"
                  + " `tandem.notify.<name>.*` (README, Notifications), comma-separated; unset: none")
          .define(
              NOTIFY_DASHBOARD_URL,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "base URL of the dashboard, for links in notifications (`<url>/#outage=<id>`)")
          .define(
              NOTIFY_RETRY_BACKOFF_MS,
              Type.LONG,
              500L,
              Range.atLeast(1),
              Importance.LOW,
              "first wait before a failed notification is sent again; doubled each attempt,"
                  + " with jitter")
          .define(
              NOTIFY_RETRY_BACKOFF_MAX_MS,
              Type.LONG,
              Duration.ofMinutes(5).toMillis(),
              Range.atLeast(1),
              Importance.LOW,
              "longest wait between two attempts of a notification (a `Retry-After` too)")
          .define(
              NOTIFY_TIMEOUT_MS,
              Type.LONG,
              Duration.ofSeconds(10).toMillis(),
              Range.atLeast(1),
              Importance.LOW,
              "how long one attempt of a notification may take");

  /**
   * Variables of the {@code TANDEM_} prefix that are no setting: the launcher's JVM options and
   * where the embedded registry's distribution lies.
   */
  private static final List<String> NOT_SETTINGS =
      List.of("TANDEM_JAVA_OPTS", "TANDEM_REGISTRY_HOME");

  private TandemSettings() {}

  /** Whether a key is one of Tandem's settings (or a misspelling of one: it has the prefix). */
  public static boolean isTandemKey(String key) {
    return key.startsWith(PREFIX);
  }

  /** {@code TANDEM_CORRELATE_WINDOW_MS} for {@code tandem.correlate.window.ms}. */
  public static String environmentVariable(String key) {
    String name = isTandemKey(key) ? key.substring(PREFIX.length()) : key;
    return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * The setting an environment variable sets, if any: {@code TANDEM_CORRELATE_WINDOW_MS} sets
   * Tandem's {@code tandem.correlate.window.ms}, {@code TANDEM_BOOTSTRAP_SERVERS} Kafka's {@code
   * bootstrap.servers}.
   */
  public static Optional<String> keyOf(String variable) {
    if (!variable.startsWith(ENVIRONMENT_PREFIX)
        || variable.length() == ENVIRONMENT_PREFIX.length()
        || NOT_SETTINGS.contains(variable)) {
      return Optional.empty();
    }
    String name =
        variable.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    // A notification target's keys are declared by their target, not here (NOTIFY_PREFIX).
    boolean tandems =
        DEFINITION.configKeys().containsKey(PREFIX + name)
            || secretOfFile(PREFIX + name).isPresent()
            || (PREFIX + name).startsWith(NOTIFY_PREFIX);
    return Optional.of(tandems ? PREFIX + name : name);
  }

  /**
   * The secret setting that {@code key} names a file for ({@code tandem.http.admin.token} for
   * {@code tandem.http.admin.token.file}), if it is such a key.
   */
  public static Optional<String> secretOfFile(String key) {
    if (!key.endsWith(SECRET_FILE_SUFFIX)) {
      return Optional.empty();
    }
    String secret = key.substring(0, key.length() - SECRET_FILE_SUFFIX.length());
    ConfigDef.ConfigKey declared = DEFINITION.configKeys().get(secret);
    return declared != null && declared.type == Type.PASSWORD
        ? Optional.of(secret)
        : Optional.empty();
  }

  /** Fails on a {@code tandem.} key that is declared nowhere: a misspelt setting, never ignored. */
  static void requireKnown(Map<String, String> values) {
    for (String key : values.keySet()) {
      // The notify package checks the keys of each target when notifications start.
      if (isTandemKey(key)
          && !DEFINITION.configKeys().containsKey(key)
          && secretOfFile(key).isEmpty()
          && !key.startsWith(NOTIFY_PREFIX)) {
        throw new ConfigException(
            "Unknown Tandem setting '" + key + "'; the settings are listed in README.md, Settings");
      }
    }
  }

  /** README's settings table: one row per setting, as declared. */
  public static String markdownTable() {
    List<String> rows = new ArrayList<>();
    rows.add("| setting | environment | default | |");
    rows.add("|---|---|---|---|");
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      rows.add(
          "| `"
              + key.name
              + "` | `"
              + environmentVariable(key.name)
              + "` | "
              + shownDefault(key)
              + " | "
              + key.documentation
              + " |");
    }
    return String.join("\n", rows) + "\n";
  }

  private static String shownDefault(ConfigDef.ConfigKey key) {
    Object value = key.defaultValue;
    if (value == null) {
      return "unset";
    }
    if (key.name.endsWith(".ms")) {
      return value + " (" + readable(Duration.ofMillis((Long) value)) + ")";
    }
    if (value instanceof Double d) {
      String shown = String.format(Locale.ROOT, "%.4g", d).replaceAll("\\.?0+$", "");
      return shown.contains("e") ? d.toString() : shown;
    }
    return value instanceof String ? "`" + value + "`" : value.toString();
  }

  private static String readable(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }

  private static ConfigDef.Validator positive() {
    return (name, value) -> {
      double v = ((Number) value).doubleValue();
      if (!(v > 0 && Double.isFinite(v))) {
        throw new ConfigException(name, value, "expected a positive number");
      }
    };
  }
}
