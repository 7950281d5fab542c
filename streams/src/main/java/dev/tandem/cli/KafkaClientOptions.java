package dev.tandem.cli;

import dev.tandem.io.TextFile;
import dev.tandem.pipeline.BrokerReachability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The Kafka connection flags every client command shares, named as Kafka names them: {@code
 * --bootstrap-servers} and {@code --command-config} (a client properties file, e.g. for SASL/TLS).
 * Tandem's own {@code tandem.connect.timeout.ms} may go in that file too, or in {@code
 * TANDEM_CONNECT_TIMEOUT_MS}.
 */
final class KafkaClientOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,…]",
      required = true,
      description = "Kafka brokers to connect to.")
  String bootstrapServers;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description = "Kafka client properties file (security settings and the like).")
  Path commandConfig;

  /** The Kafka client properties: the file's, without Tandem's own settings, and the brokers. */
  Properties properties() {
    Properties props = new Properties();
    file()
        .forEach(
            (key, value) -> {
              if (!String.valueOf(key).startsWith("tandem.")) {
                props.put(key, value);
              }
            });
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }

  /**
   * Fails with one line naming the brokers when none answers within {@code
   * tandem.connect.timeout.ms} (the properties file, then {@code TANDEM_CONNECT_TIMEOUT_MS}; 15 s
   * by default).
   */
  void checkBrokers() {
    Map<String, Object> settings = new HashMap<>();
    properties().forEach((key, value) -> settings.put(String.valueOf(key), value));
    BrokerReachability.check(settings, connectTimeout());
  }

  Duration connectTimeout() {
    Map<String, Object> settings = new HashMap<>();
    file().forEach((key, value) -> settings.put(String.valueOf(key), value));
    String env = System.getenv("TANDEM_CONNECT_TIMEOUT_MS");
    if (env != null && !env.isBlank()) {
      settings.put(BrokerReachability.TIMEOUT_CONFIG, env);
    }
    return BrokerReachability.timeout(settings);
  }

  private Properties file() {
    return commandConfig == null ? new Properties() : TextFile.properties(commandConfig);
  }
}
