package dev.tandem.notify;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.pipeline.BrokerReachability;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.serde.SpecificAvroDeserializer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Every notification target of a running Tandem, each delivering on its own (design §10). {@link
 * #prepare} reads and checks the settings (one line for a bad one, before the pipeline starts);
 * {@link #start} starts a consumer per target; {@link #close} stops them.
 */
public final class Notifications implements AutoCloseable {

  private final NotifySettings settings;
  private final TandemConfig config;
  private final List<TargetNotifier> notifiers = new ArrayList<>();
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
  private SchemaRegistryClient registry;

  private Notifications(NotifySettings settings, TandemConfig config) {
    this.settings = settings;
    this.config = config;
  }

  /**
   * @throws org.apache.kafka.common.config.ConfigException one line naming a bad setting
   */
  public static Notifications prepare(TandemConfig config) {
    return new Notifications(NotifySettings.read(config), config);
  }

  /** The targets, as they may be shown: name, type and host. */
  public List<String> shownTargets() {
    return settings.targets().stream().map(NotifyTarget::shown).toList();
  }

  /** Starts delivering to every target (nothing when none is configured). */
  public Notifications start() {
    if (settings.none()) {
      return this;
    }
    try {
      startEach();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private void startEach() {
    registry = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
    for (NotifyTarget target : settings.targets()) {
      SpecificAvroDeserializer<CorrelatedOutage> outages =
          new SpecificAvroDeserializer<>(CorrelatedOutage.class, registry);
      outages.configure(config.registryConfig(), false);
      KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(
              consumerSettings(target), new StringDeserializer(), new ByteArrayDeserializer());
      // kafka_consumer_…{client_id="<app>-notify-<target>"} on /metrics: a target's lag shows.
      KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
      metrics.bindTo(Metrics.globalRegistry);
      clientMetrics.add(metrics);
      notifiers.add(
          new TargetNotifier(
                  target, settings, config.topics().outages(), consumer, outages, Clock.systemUTC())
              .start());
    }
  }

  /**
   * The group {@code <application.id>-notify-<target>}: one per target, so each keeps its own
   * offsets and a target that is down holds back no other. A new group starts at the end of the
   * topic (then keeps its place, {@link TargetNotifier}): a target added to a running Tandem, or a
   * filter changed under a new name, must not page for every outage the compacted topic still
   * holds.
   */
  private Map<String, Object> consumerSettings(NotifyTarget target) {
    Properties streams = config.streamsProperties();
    Map<String, Object> settings = new HashMap<>(BrokerReachability.adminSettings(streams));
    String applicationId = streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-notify-" + target.name());
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-notify-" + target.name());
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return settings;
  }

  /** Waits until every target's consumer holds its partitions (tests, and a start that reports). */
  public boolean awaitAssigned(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (TargetNotifier notifier : notifiers) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!notifier.awaitAssigned(left)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    notifiers.forEach(TargetNotifier::close);
    notifiers.clear();
    clientMetrics.forEach(KafkaClientMetrics::close);
    clientMetrics.clear();
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }
}
