package dev.tandem.pipeline;

import dev.tandem.correlate.Correlator;
import dev.tandem.normalize.Normalizer;
import dev.tandem.registry.RegistryClientConfig;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance of the Tandem pipeline against a Kafka cluster and a registry. More
 * instances with the same {@code application.id} share the work; Kafka rebalances partitions.
 */
public final class TandemApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TandemApp.class);

  private final KafkaStreams streams;
  private final SchemaRegistryClient registry;
  private final String applicationId;

  private TandemApp(KafkaStreams streams, SchemaRegistryClient registry, String applicationId) {
    this.streams = streams;
    this.registry = registry;
    this.applicationId = applicationId;
  }

  /**
   * Checks the brokers and the registry answer (within {@value BrokerReachability#TIMEOUT_CONFIG}),
   * creates missing topics, builds the topology and starts it; returns once it is RUNNING.
   *
   * @throws BrokerReachability.Unreachable when the brokers do not answer in time
   * @throws RegistryReachability.Unreachable when the registry does not answer in time
   */
  public static TandemApp start(TandemConfig config, Duration startTimeout) throws IOException {
    Properties props = config.streamsProperties();
    // Everything read from files first: a bad file is reported before anything is contacted.
    Correlator correlator = new Correlator(config.correlation(), config.dependencies());
    Duration connectTimeout = BrokerReachability.timeout(config.values());
    Map<String, Object> adminSettings = adminSettings(props);
    BrokerReachability.check(adminSettings, connectTimeout);
    RegistryReachability.check(RegistryClientConfig.from(config.registryConfig()), connectTimeout);
    try (Admin admin = Admin.create(adminSettings)) {
      TopicSetup.createMissing(admin, config.topics(), config.topicPartitions(), config.topicReplicationFactor());
    }
    SchemaRegistryClient registry = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
    Topology topology = TandemTopology.build(
        config.topics(),
        new AvroSerdes(registry, config.registryConfig()),
        Normalizer.withDefaultAdapters(),
        correlator,
        config.dedupeRetention());
    KafkaStreams streams = new KafkaStreams(topology, props);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      log.info("pipeline {} -> {}", before, now);
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      log.error("pipeline thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    TandemApp app = new TandemApp(streams, registry, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    streams.start();
    try {
      if (!running.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        app.close();
        throw new StreamsException("the pipeline did not reach RUNNING within " + startTimeout.toSeconds() + " s (state " + streams.state() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      app.close();
      throw new StreamsException("interrupted while starting the pipeline", e);
    }
    return app;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public String applicationId() {
    return applicationId;
  }

  /** Connection and security settings of the Streams configuration that an Admin client understands. */
  private static Map<String, Object> adminSettings(Properties props) {
    Map<String, Object> admin = new HashMap<>();
    Set<String> keys = AdminClientConfig.configNames();
    props.forEach((key, value) -> {
      if (keys.contains(String.valueOf(key)) && !AdminClientConfig.CLIENT_ID_CONFIG.equals(key)) {
        admin.put(String.valueOf(key), value);
      }
    });
    return admin;
  }

  @Override
  public void close() {
    // Leave the group now rather than after session.timeout.ms, so a reset or a restart need not wait.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    registry.close();
  }
}
