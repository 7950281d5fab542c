package dev.tandem.cli;

import dev.tandem.pipeline.BrokerReachability;
import dev.tandem.pipeline.TandemConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to Kafka shares: the brokers ({@code --bootstrap-servers}, else
 * {@code bootstrap.servers} in the file or {@code TANDEM_BOOTSTRAP_SERVERS}) and the settings file
 * with its security settings, topic names ({@code tandem.topic.*}) and connect timeout.
 */
final class ClusterOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Mixin SettingsFile settings;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,…]",
      description = "Kafka brokers (bootstrap.servers).")
  String bootstrapServers;

  /** The settings, with these flags and the brokers' flag on top. */
  TandemConfig load(Map<String, String> flags) throws IOException {
    Map<String, String> all = new HashMap<>(flags);
    all.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return settings.load(all);
  }

  /** As {@link #load}, a usage error at once when no brokers are given anywhere. */
  TandemConfig loadWithBrokers(Map<String, String> flags) throws IOException {
    TandemConfig config = load(flags);
    String brokers = config.values().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    if (brokers == null || brokers.isBlank()) {
      throw new ParameterException(
          command.commandLine(),
          "Missing required option: '--bootstrap-servers' (or bootstrap.servers in --config FILE,"
              + " or TANDEM_BOOTSTRAP_SERVERS)");
    }
    return config;
  }

  /** Kafka client properties: everything that is not Tandem's own, and the brokers (required). */
  static Properties clientProperties(TandemConfig config) {
    Properties props = config.clientProperties();
    props.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        config.required(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    return props;
  }

  /**
   * Fails with one line naming the brokers when none answers within {@code
   * tandem.connect.timeout.ms}.
   */
  static void checkBrokers(TandemConfig config) {
    Map<String, Object> client = new HashMap<>();
    clientProperties(config).forEach((key, value) -> client.put(String.valueOf(key), value));
    BrokerReachability.check(client, config.connectTimeout());
  }
}
