package dev.tandem.testing;

/**
 * A cluster someone else runs ({@code TANDEM_TEST_BOOTSTRAP_SERVERS}, {@code
 * TANDEM_TEST_SCHEMA_REGISTRY_URL}): nothing to start or stop. The tests create topics named after
 * their classes, so give them a cluster of their own, or a fresh one per run.
 */
record ExternalCluster(String bootstrapServers, String registryUrl) implements TestCluster {

  @Override
  public String describe() {
    return "the external cluster at " + bootstrapServers + " with the registry at " + registryUrl;
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}
