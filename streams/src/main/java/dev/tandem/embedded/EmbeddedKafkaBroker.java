package dev.tandem.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM
 * from the Kafka server jars, so Tandem can be tried and tested without installing Kafka.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final int port;
  private final int controllerPort;
  private final SaslSslListener saslSsl;
  private final int saslSslPort;
  private KafkaRaftServer server;
  private boolean closed;

  /**
   * @param dataDir where the broker keeps its log and metadata; kept on close so a later broker on
   *     the same directory finds the same topics and records. {@code null}: a fresh temporary
   *     directory, deleted on close.
   * @param port the client listener port on 127.0.0.1; 0 picks a free one.
   */
  public EmbeddedKafkaBroker(Path dataDir, int port) {
    this(dataDir, port, 0);
  }

  /**
   * Like {@link #EmbeddedKafkaBroker(Path, int)}, with the controller's port chosen too.
   *
   * @param controllerPort the KRaft controller listener port on 127.0.0.1; 0 picks a free one. It
   *     may change between runs on the same directory: the single voter is configured statically,
   *     not recorded in the metadata log.
   */
  public EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort) {
    this(dataDir, port, controllerPort, null);
  }

  /**
   * A broker on fresh ports with, besides its PLAINTEXT listener, a SASL_SSL one on a port of its
   * own ({@link #saslSslBootstrapServers()}).
   *
   * @param saslSsl the TLS key store and the SCRAM-SHA-512 user of that listener
   */
  public EmbeddedKafkaBroker(Path dataDir, SaslSslListener saslSsl) {
    this(dataDir, 0, 0, Objects.requireNonNull(saslSsl, "saslSsl"));
  }

  private EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, SaslSslListener saslSsl) {
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException("The client and controller ports must differ: " + port);
    }
    int clientPort = FreePort.orChosen(port);
    int quorumPort = FreePort.orChosen(controllerPort);
    while (clientPort == quorumPort) {
      // The OS may hand out a just-released port again; choose anew whichever was chosen.
      if (controllerPort == 0) {
        quorumPort = FreePort.choose();
      } else {
        clientPort = FreePort.choose();
      }
    }
    this.port = clientPort;
    this.controllerPort = quorumPort;
    this.saslSsl = saslSsl;
    int securePort = 0;
    while (saslSsl != null
        && (securePort == 0 || securePort == clientPort || securePort == quorumPort)) {
      securePort = FreePort.choose();
    }
    this.saslSslPort = securePort;
    this.ownsDataDir = dataDir == null;
    this.dataDir = ownsDataDir ? temporaryDirectory() : dataDir.toAbsolutePath().normalize();
  }

  /**
   * Formats the data directory if it is new, starts the broker and waits until it serves clients.
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (closed) {
      throw new IllegalStateException(
          "This broker was closed; create a new one on the same data directory");
    }
    if (server != null) {
      return this;
    }
    long began = System.nanoTime();
    try {
      refuseTakenPorts();
      Files.createDirectories(dataDir);
      format();
      server = new KafkaRaftServer(KafkaConfig.fromProps(serverProperties(), false), Time.SYSTEM);
      server.startup();
      awaitReady();
    } catch (RuntimeException | IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      close();
      throw new IllegalStateException(
          "Kafka broker on "
              + bootstrapServers()
              + " (data in "
              + dataDir
              + ") did not start: "
              + e.getMessage(),
          e);
    }
    log.info(
        "Kafka broker started in {} ms on {} (data in {})",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began),
        bootstrapServers(),
        dataDir);
    return this;
  }

  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The SASL_SSL listener's address; only for a broker made with a {@link SaslSslListener}. */
  public String saslSslBootstrapServers() {
    if (saslSsl == null) {
      throw new IllegalStateException("This broker has no SASL_SSL listener");
    }
    return HOST + ":" + saslSslPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  /**
   * Shuts the broker down cleanly and waits for it; deletes the data directory only if it made it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      long began = System.nanoTime();
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException e) {
        log.warn("Kafka broker on {} did not shut down cleanly", bootstrapServers(), e);
      }
      server = null;
      log.info(
          "Kafka broker on {} stopped in {} ms",
          bootstrapServers(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }
    if (ownsDataDir) {
      try {
        Utils.delete(dataDir.toFile());
      } catch (IOException e) {
        log.warn("Could not delete the broker's temporary directory {}", dataDir, e);
      }
    }
  }

  /**
   * Checked first, so a Kafka already running here gets a plain answer, not a half-started broker.
   */
  private void refuseTakenPorts() {
    for (int wanted :
        saslSsl == null
            ? new int[] {port, controllerPort}
            : new int[] {port, controllerPort, saslSslPort}) {
      if (FreePort.isTaken(wanted)) {
        throw new IllegalStateException(
            "port "
                + wanted
                + " on "
                + HOST
                + " is already in use, perhaps by another"
                + " Kafka broker; stop it or choose another port (0 picks a free one)");
      }
    }
  }

  private void format() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      Formatter formatter = new Formatter();
      if (saslSsl != null) {
        formatter.setScramArguments(List.of(saslSsl.scramArgument()));
      }
      formatter
          .setPrintStream(printStream)
          .setNodeId(NODE_ID)
          .setClusterId(clusterId())
          .addDirectory(dataDir.toString())
          .setMetadataLogDirectory(dataDir.toString())
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
    }
    log.debug("Kafka storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  /**
   * The id the directory was formatted with, if it was: the formatter rejects a directory whose id
   * differs from the one it is given, even when told to skip formatted directories.
   */
  private String clusterId() {
    Path metaProperties = dataDir.resolve("meta.properties");
    if (Files.isRegularFile(metaProperties)) {
      Properties existing = new Properties();
      try (InputStream in = Files.newInputStream(metaProperties)) {
        existing.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read " + metaProperties, e);
      }
      String id = existing.getProperty("cluster.id");
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return Uuid.randomUuid().toString();
  }

  private Properties serverProperties() {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", String.valueOf(NODE_ID)),
            // A static voter, not a dynamic quorum: the controller port may differ on the next run.
            Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
            Map.entry("controller.listener.names", CONTROLLER_LISTENER),
            Map.entry(
                "listeners",
                BROKER_LISTENER
                    + "://"
                    + HOST
                    + ":"
                    + port
                    + ","
                    + CONTROLLER_LISTENER
                    + "://"
                    + HOST
                    + ":"
                    + controllerPort),
            Map.entry("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port),
            Map.entry(
                "listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
            Map.entry("inter.broker.listener.name", BROKER_LISTENER),
            Map.entry("log.dirs", dataDir.toString()),
            Map.entry("metadata.log.dir", dataDir.toString()),
            // One node: every internal topic can only have one replica.
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("default.replication.factor", "1"),
            // Spreading internal topics over 50 partitions buys nothing on one node and makes the
            // first
            // consumer group (and the first transaction) wait while 50 logs are created.
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.num.partitions", "1"),
            Map.entry("num.partitions", "1"),
            // Nobody else joins a group on a development broker; waiting for them only slows tests.
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // A mistyped topic name should fail loudly rather than silently create an empty topic;
            // Kafka Streams and the registry create the topics they need through the Admin API.
            Map.entry("auto.create.topics.enable", "false"),
            // Small indexes: they are preallocated per segment and this broker holds little data.
            Map.entry("log.index.size.max.bytes", String.valueOf(1024 * 1024))));
    if (saslSsl != null) {
      addSaslSslListener(props);
    }
    return props;
  }

  /** The PLAINTEXT listener stays the inter-broker one; SASL_SSL is for clients only. */
  private void addSaslSslListener(Properties props) {
    String name = SaslSslListener.NAME;
    String prefix = "listener.name." + name.toLowerCase(Locale.ROOT) + ".";
    String address = name + "://" + HOST + ":" + saslSslPort;
    props.put("listeners", props.getProperty("listeners") + "," + address);
    props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + address);
    props.put(
        "listener.security.protocol.map",
        props.getProperty("listener.security.protocol.map") + "," + name + ":SASL_SSL");
    props.put(prefix + "sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
    props.put(
        prefix + SaslSslListener.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put(prefix + "ssl.keystore.type", "PKCS12");
    props.put(prefix + "ssl.keystore.location", saslSsl.keyStore().toAbsolutePath().toString());
    props.put(prefix + "ssl.keystore.password", saslSsl.keyStorePassword());
    props.put(prefix + "ssl.key.password", saslSsl.keyStorePassword());
  }

  private void awaitReady() throws InterruptedException {
    Map<String, Object> adminConfig =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Exception lastFailure = null;
    try (Admin admin = Admin.create(adminConfig)) {
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          lastFailure = e;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    throw new IllegalStateException(
        "Kafka broker on "
            + bootstrapServers()
            + " did not answer within "
            + READY_TIMEOUT.toSeconds()
            + " s"
            + (lastFailure == null ? "" : ": " + lastFailure.getMessage()),
        lastFailure);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("tandem-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not create a temporary directory for the Kafka broker", e);
    }
  }
}
