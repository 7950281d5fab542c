package dev.tandem.testing;

/**
 * The Kafka cluster and schema registry the end-to-end tests run against, chosen once per run
 * ({@link ClusterChoice}): the same tests run on each.
 */
public interface TestCluster extends AutoCloseable {

  String bootstrapServers();

  /**
   * A Confluent-compatible registry URL: Confluent's own, or Apicurio's {@code /apis/ccompat/v7}.
   */
  String registryUrl();

  /** What it is, for the one line the run logs. */
  String describe();

  @Override
  void close();
}
