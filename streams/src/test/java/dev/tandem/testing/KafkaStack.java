package dev.tandem.testing;

import dev.tandem.embedded.EmbeddedKafkaBroker;
import dev.tandem.embedded.EmbeddedRegistry;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker and one Apicurio registry for the whole test run: the first class that
 * uses this extension starts them, the end of the run stops them. End-to-end test classes share it
 * instead of paying ~15 s of start-up each.
 */
public final class KafkaStack implements BeforeAllCallback {

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
  }

  private static synchronized Running start() {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(null, 0).start();
    try {
      EmbeddedRegistry registry = new EmbeddedRegistry(broker.bootstrapServers(), null, 0).start();
      running = new Running(broker, registry);
      return running;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  public static String bootstrapServers() {
    return current().broker.bootstrapServers();
  }

  public static String registryUrl() {
    return current().registry.url();
  }

  private static Running current() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(KafkaStack.class)");
    }
    return r;
  }

  /** Closed by JUnit at the end of the run because the root store closes AutoCloseable values. */
  private record Running(EmbeddedKafkaBroker broker, EmbeddedRegistry registry) implements AutoCloseable {
    @Override
    public void close() {
      try {
        registry.close();
      } finally {
        broker.close();
        running = null;
      }
    }
  }
}
