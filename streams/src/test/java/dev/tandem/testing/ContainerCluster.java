package dev.tandem.testing;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Apache Kafka (KRaft) and Confluent Schema Registry in containers, pinned to the versions of
 * {@code docker/compose.yml}: where an engine answers, the strongest proof that the registry client
 * and the wire format match Confluent's own server.
 */
public final class ContainerCluster implements TestCluster {

  /** As pinned in docker/compose.yml (ContainerFilesTest keeps them the same). */
  public static final String KAFKA_IMAGE = "apache/kafka:4.3.1";

  public static final String SCHEMA_REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.3.0";

  private static final String KAFKA_ALIAS = "kafka";
  private static final String NETWORK_LISTENER = KAFKA_ALIAS + ":19092";

  private final Network network;
  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;

  private ContainerCluster(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
    this.network = network;
    this.kafka = kafka;
    this.registry = registry;
  }

  @SuppressWarnings("resource") // closed with the cluster
  static ContainerCluster start() {
    Network network = Network.newNetwork();
    KafkaContainer kafka =
        new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            .withNetwork(network)
            .withNetworkAliases(KAFKA_ALIAS)
            // The registry reaches the broker inside the network; the tests from the host.
            .withListener(NETWORK_LISTENER);
    kafka.start();
    GenericContainer<?> registry =
        new GenericContainer<>(DockerImageName.parse(SCHEMA_REGISTRY_IMAGE))
            .withNetwork(network)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv(
                "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + NETWORK_LISTENER)
            .waitingFor(
                Wait.forHttp("/subjects")
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(2)));
    try {
      registry.start();
    } catch (RuntimeException e) {
      kafka.stop();
      network.close();
      throw e;
    }
    return new ContainerCluster(network, kafka, registry);
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String registryUrl() {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
  }

  @Override
  public String describe() {
    return KAFKA_IMAGE
        + " at "
        + bootstrapServers()
        + " and "
        + SCHEMA_REGISTRY_IMAGE
        + " at "
        + registryUrl()
        + " (Testcontainers)";
  }

  @Override
  public void close() {
    try {
      registry.stop();
      kafka.stop();
    } finally {
      network.close();
    }
  }
}
