package dev.tandem.cli;

import dev.tandem.io.TextFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * The Kafka connection flags every client command shares, named as Kafka names them:
 * {@code --bootstrap-servers} and {@code --command-config} (a client properties file, e.g. for SASL/TLS).
 */
final class KafkaClientOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]", required = true,
      description = "Kafka brokers to connect to.")
  String bootstrapServers;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "Kafka client properties file (security settings and the like).")
  Path commandConfig;

  Properties properties() throws IOException {
    Properties props = commandConfig == null ? new Properties() : TextFile.properties(commandConfig);
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return props;
  }
}
