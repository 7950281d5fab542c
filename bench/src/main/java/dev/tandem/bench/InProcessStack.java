package dev.tandem.bench;

import dev.tandem.embedded.EmbeddedKafkaBroker;
import dev.tandem.embedded.EmbeddedRegistry;

/**
 * One real KRaft broker in this JVM and one Apicurio registry process, as the demo and the
 * end-to-end tests run them: the ceiling and Tandem are measured against the same broker in the
 * same run, so what the machine can do cancels out of their ratio.
 */
final class InProcessStack implements AutoCloseable {

  private final EmbeddedKafkaBroker broker;
  private final EmbeddedRegistry registry;

  private InProcessStack(EmbeddedKafkaBroker broker, EmbeddedRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  static InProcessStack start() {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(null, 0).start();
    try {
      return new InProcessStack(
          broker, new EmbeddedRegistry(broker.bootstrapServers(), null, 0).start());
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  String registryUrl() {
    return registry.url();
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      broker.close();
    }
  }
}
