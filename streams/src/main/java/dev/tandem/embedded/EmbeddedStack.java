package dev.tandem.embedded;

import java.nio.file.Path;

/**
 * An {@link EmbeddedKafkaBroker} and an {@link EmbeddedRegistry} beside it, storing its schemas in
 * that broker: what {@code tandem broker}, the demo and the end-to-end tests run against. Started
 * together and stopped together, registry first, since it writes to the broker.
 */
public final class EmbeddedStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final Path registryDir;
  private final int registryPort;
  private EmbeddedRegistry registry;

  /**
   * @param dataDir where the broker's log ({@code kafka/}) and the registry's files ({@code
   *     registry/}) go, kept on close; {@code null}: temporary directories, deleted on close.
   * @param port the Kafka listener port on 127.0.0.1; 0 picks a free one.
   * @param registryPort the registry's HTTP port on 127.0.0.1; 0 picks a free one.
   */
  public EmbeddedStack(Path dataDir, int port, int registryPort) {
    this.broker = new EmbeddedKafkaBroker(dataDir == null ? null : dataDir.resolve("kafka"), port);
    this.registryDir = dataDir == null ? null : dataDir.resolve("registry");
    this.registryPort = registryPort;
  }

  /** Both on free ports in temporary directories. */
  public EmbeddedStack() {
    this(null, 0, 0);
  }

  /**
   * Starts the broker, then the registry, and waits until both serve; a stack that did not start is
   * closed, so try-with-resources on {@code start()} leaks nothing.
   */
  public synchronized EmbeddedStack start() {
    if (registry != null) {
      return this;
    }
    try {
      broker.start();
      registry = new EmbeddedRegistry(broker.bootstrapServers(), registryDir, registryPort).start();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return this;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * The registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}.
   */
  public synchronized String registryUrl() {
    if (registry == null) {
      throw new IllegalStateException("The stack has not been started");
    }
    return registry.url();
  }

  @Override
  public synchronized void close() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      broker.close();
    }
  }
}
