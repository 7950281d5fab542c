package dev.tandem.testing;

import dev.tandem.pipeline.TandemConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka cluster and one schema registry for the whole test run: the first class that uses
 * this extension starts them, the end of the run stops them. End-to-end test classes share it
 * instead of paying ~15 s of start-up each. Which cluster is chosen once ({@link ClusterChoice}):
 * an external one, containers, or (on a machine without a Docker engine, as in CI here) the
 * in-process broker and Apicurio; the choice is logged once.
 */
public final class KafkaStack implements BeforeAllCallback {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KafkaStack.class);

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
  }

  private static synchronized Running start() {
    long asked = System.nanoTime();
    ClusterChoice.Choice choice =
        ClusterChoice.choose(System.getenv(), DockerEngine.ofThisMachine());
    long decidedMillis = (System.nanoTime() - asked) / 1_000_000;
    TestCluster cluster = ClusterChoice.open(choice, System.getenv());
    log.info(
        "end-to-end tests run on {} ({}; decided in {} ms)",
        cluster.describe(),
        choice.why(),
        decidedMillis);
    running = new Running(cluster);
    return running;
  }

  public static String bootstrapServers() {
    return current().cluster.bootstrapServers();
  }

  public static String registryUrl() {
    return current().cluster.registryUrl();
  }

  /**
   * Pipeline settings against this stack with topics and application id of their own (prefixed), so
   * test classes sharing the broker never see each other's records.
   */
  public static TandemConfig pipelineConfig(String prefix, Path stateDir) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("bootstrap.servers", bootstrapServers());
    settings.put("schema.registry.url", registryUrl());
    settings.put("application.id", prefix);
    settings.put("state.dir", stateDir.toString());
    settings.put("tandem.topic.partitions", "2");
    for (String role : List.of("raw", "updates", "incidents", "outages", "outages.json", "dlq")) {
      settings.put("tandem.topic." + role, prefix + "." + role);
    }
    try {
      return TandemConfig.load(null, Map.of(), settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The settings as a properties file, as {@code tandem reset --config} and {@code tandem run
   * --config} read them.
   */
  public static Path writeProperties(Path file, TandemConfig config) throws IOException {
    java.util.Properties props = new java.util.Properties();
    props.putAll(config.values());
    try (java.io.Writer writer = java.nio.file.Files.newBufferedWriter(file)) {
      props.store(writer, null);
    }
    return file;
  }

  private static Running current() {
    Running r = running;
    if (r == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(KafkaStack.class)");
    }
    return r;
  }

  /** Closed by JUnit at the end of the run because the root store closes AutoCloseable values. */
  private record Running(TestCluster cluster) implements AutoCloseable {
    @Override
    public void close() {
      try {
        cluster.close();
      } finally {
        running = null;
      }
    }
  }
}
