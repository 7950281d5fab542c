package dev.tandem.testing;

import java.util.Map;

/**
 * Which cluster the end-to-end tests run on, decided once per run: an external cluster when {@code
 * TANDEM_TEST_BOOTSTRAP_SERVERS} (with {@code TANDEM_TEST_SCHEMA_REGISTRY_URL}) is set; Kafka and
 * Confluent Schema Registry containers when a Docker engine answers; otherwise the in-process
 * broker and Apicurio registry. Kept apart from starting anything, so that the rule is tested with
 * any environment.
 */
public final class ClusterChoice {

  public static final String BOOTSTRAP_VARIABLE = "TANDEM_TEST_BOOTSTRAP_SERVERS";
  public static final String REGISTRY_VARIABLE = "TANDEM_TEST_SCHEMA_REGISTRY_URL";

  public enum Kind {
    EXTERNAL,
    CONTAINERS,
    IN_PROCESS
  }

  /** The choice and why, as the run logs it. */
  public record Choice(Kind kind, String why) {}

  private ClusterChoice() {}

  /**
   * @throws IllegalStateException when the bootstrap servers are given without a registry: half an
   *     external cluster is a mistake, not a reason to test something else
   */
  public static Choice choose(Map<String, String> environment, DockerEngine engine) {
    String bootstrap = blankToNull(environment.get(BOOTSTRAP_VARIABLE));
    String registry = blankToNull(environment.get(REGISTRY_VARIABLE));
    if (bootstrap != null || registry != null) {
      if (bootstrap == null || registry == null) {
        throw new IllegalStateException(
            "set both "
                + BOOTSTRAP_VARIABLE
                + " and "
                + REGISTRY_VARIABLE
                + " to test against an external cluster, or neither");
      }
      return new Choice(
          Kind.EXTERNAL,
          BOOTSTRAP_VARIABLE + "=" + bootstrap + ", " + REGISTRY_VARIABLE + "=" + registry);
    }
    DockerEngine.Answer answer = engine.ask();
    if (answer.answers()) {
      return new Choice(Kind.CONTAINERS, answer.why());
    }
    return new Choice(Kind.IN_PROCESS, answer.why());
  }

  /** The cluster the choice names, started (external: only its addresses). */
  static TestCluster open(Choice choice, Map<String, String> environment) {
    return switch (choice.kind()) {
      case EXTERNAL ->
          new ExternalCluster(
              environment.get(BOOTSTRAP_VARIABLE).strip(),
              environment.get(REGISTRY_VARIABLE).strip());
      case CONTAINERS -> ContainerCluster.start();
      case IN_PROCESS -> InProcessCluster.start();
    };
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
