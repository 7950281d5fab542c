package dev.tandem.pipeline;

import dev.tandem.correlate.Correlator;
import dev.tandem.normalize.Normalizer;
import dev.tandem.registry.RegistryClientConfig;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
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
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile String failure;

  private TandemApp(KafkaStreams streams, SchemaRegistryClient registry, String applicationId) {
    this.streams = streams;
    this.registry = registry;
    this.applicationId = applicationId;
  }

  /**
   * Checks the brokers and the registry answer (within {@value TandemSettings#CONNECT_TIMEOUT_MS}),
   * creates missing topics, builds the topology and starts it; returns once it is RUNNING.
   *
   * @throws Unreachable when the brokers do not answer in time
   * @throws Unreachable when the registry does not answer in time
   */
  public static TandemApp start(TandemConfig config, Duration startTimeout) throws IOException {
    return start(config, startTimeout, () -> false);
  }

  /**
   * The same, giving up as soon as {@code stopRequested} says so (Ctrl-C while the pipeline
   * starts).
   *
   * @throws StartCancelled when a stop was requested before the pipeline was RUNNING; it is closed
   */
  public static TandemApp start(
      TandemConfig config, Duration startTimeout, BooleanSupplier stopRequested)
      throws IOException {
    return start(config, startTimeout, stopRequested, streams -> {});
  }

  /**
   * The same, handing the Kafka Streams instance to {@code created} before it starts: the HTTP API
   * and its health checks answer while the stores restore.
   */
  public static TandemApp start(
      TandemConfig config,
      Duration startTimeout,
      BooleanSupplier stopRequested,
      java.util.function.Consumer<KafkaStreams> created)
      throws IOException {
    Properties props = config.streamsProperties();
    // Everything read from files first: a bad file is reported before anything is contacted.
    Correlator correlator = new Correlator(config.correlation(), config.dependencies());
    RegistryOutage registryOutage =
        new RegistryOutage(config.registryMaxFailures(), Clock.systemUTC());
    Duration connectTimeout = config.connectTimeout();
    Map<String, Object> adminSettings = adminSettings(props);
    BrokerReachability.check(adminSettings, connectTimeout);
    RegistryReachability.check(RegistryClientConfig.from(config.registryConfig()), connectTimeout);
    int rawPartitions;
    int updatePartitions;
    try (Admin admin = Admin.create(adminSettings)) {
      TopicSetup.createMissing(
          admin, config.topics(), config.topicPartitions(), config.topicReplicationFactor());
      rawPartitions = TopicSetup.partitionCount(admin, config.topics().raw());
      updatePartitions = TopicSetup.partitionCount(admin, config.topics().updates());
    }
    Map<String, Integer> publishedVersions =
        PublishedVersions.read(adminSettings, config.topics().outagesJson(), connectTimeout);
    SchemaRegistryClient registry = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
    Topology topology =
        TandemTopology.build(
            config.topics(),
            new AvroSerdes(registry, config.registryConfig()),
            Normalizer.withDefaultAdapters(),
            correlator,
            config.dedupeRetention(),
            rawPartitions,
            updatePartitions,
            publishedVersions);
    KafkaStreams streams = new KafkaStreams(topology, props);
    TandemApp app =
        new TandemApp(streams, registry, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          log.info("pipeline {} -> {}", before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            if (now == KafkaStreams.State.ERROR && app.failure == null) {
              app.failure = "the pipeline stopped after an error (see the log)";
            }
            app.stopped.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(e -> app.onThreadFailure(e, registryOutage));
    try {
      created.accept(streams);
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
    streams.start();
    try {
      long deadline = System.nanoTime() + startTimeout.toNanos();
      while (!running.await(100, TimeUnit.MILLISECONDS)) {
        if (stopRequested.getAsBoolean()) {
          app.close();
          throw new StartCancelled();
        }
        if (app.stopped.getCount() == 0) {
          String why = app.failure;
          app.close();
          throw new StreamsException("the pipeline stopped while starting: " + why);
        }
        if (System.nanoTime() > deadline) {
          app.close();
          throw new StreamsException(
              "the pipeline did not reach RUNNING within "
                  + startTimeout.toSeconds()
                  + " s (state "
                  + streams.state()
                  + ")");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      app.close();
      throw new StreamsException("interrupted while starting the pipeline", e);
    }
    return app;
  }

  /** A stop was requested while the pipeline was starting; it has been closed. */
  public static final class StartCancelled extends StreamsException {
    private static final long serialVersionUID = 1L;

    StartCancelled() {
      super("stopped while starting");
    }
  }

  /**
   * What a pipeline thread that died does next: replaced, unless the registry has been away too
   * long.
   */
  private StreamThreadExceptionResponse onThreadFailure(
      Throwable e, RegistryOutage registryOutage) {
    RegistryOutage.Decision decision;
    synchronized (registryOutage) {
      decision = registryOutage.onFailure(e);
      switch (decision) {
        case NOT_REGISTRY -> log.error("pipeline thread failed; replacing it", e);
        case RETRY_FIRST -> {
          SchemaRegistryException cause = SchemaRegistryException.unavailableIn(e).orElseThrow();
          log.warn(
              "pipeline thread failed: the schema registry at {} cannot be reached ({}); replacing the thread, and"
                  + " stopping the application if this happens {} times in a row ({})",
              cause.url(),
              RegistryReachability.describe(cause),
              registryOutage.maxFailures(),
              TandemSettings.REGISTRY_MAX_FAILURES);
        }
        case RETRY ->
            log.debug(
                "pipeline thread failed on the schema registry again ({} of {}); replacing it",
                registryOutage.failures(),
                registryOutage.maxFailures(),
                e);
        case STOP -> {
          failure = registryOutage.summary();
          log.error("stopping the application: {}", failure);
        }
      }
    }
    return decision == RegistryOutage.Decision.STOP
        ? StreamThreadExceptionResponse.SHUTDOWN_APPLICATION
        : StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /**
   * Waits until the pipeline stops on its own (state ERROR or NOT_RUNNING) or {@code timeout}
   * passes.
   *
   * @return whether it stopped
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the pipeline stopped on its own, in one line, or null while it runs (or was closed). */
  public String failure() {
    return failure;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public String applicationId() {
    return applicationId;
  }

  /**
   * Connection and security settings of the Streams configuration that an Admin client understands.
   */
  private static Map<String, Object> adminSettings(Properties props) {
    Map<String, Object> admin = BrokerReachability.adminSettings(props);
    admin.remove(AdminClientConfig.CLIENT_ID_CONFIG);
    return admin;
  }

  @Override
  public void close() {
    // Leave the group now rather than after session.timeout.ms, so a reset or a restart need not
    // wait.
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    registry.close();
  }
}
