package dev.tandem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule that picks the end-to-end tests' cluster, with every kind of machine it meets. */
class ClusterChoiceTest {

  @TempDir Path home;

  private final AtomicInteger asked = new AtomicInteger();

  private BooleanSupplier engine(boolean answers) {
    return () -> {
      asked.incrementAndGet();
      return answers;
    };
  }

  @Test
  void withNothingPointingToAnEngineItIsTheInProcessStackWithoutAskingTestcontainers() {
    ClusterChoice.Choice choice =
        ClusterChoice.choose(Map.of(), new DockerEngine(Map.of(), home, engine(true)));

    assertThat(choice.kind()).isEqualTo(ClusterChoice.Kind.IN_PROCESS);
    assertThat(choice.why()).startsWith("no Docker engine: no DOCKER_HOST");
    // Settled from the environment and the file system: Testcontainers' search never ran.
    assertThat(asked).hasValue(0);
  }

  @Test
  void anEngineThatAnswersMeansContainers() throws Exception {
    Map<String, String> env = Map.of("DOCKER_HOST", "tcp://docker:2375");
    assertThat(ClusterChoice.choose(env, new DockerEngine(env, home, engine(true))))
        .isEqualTo(
            new ClusterChoice.Choice(
                ClusterChoice.Kind.CONTAINERS,
                "a Docker engine answers at DOCKER_HOST=tcp://docker:2375"));

    Files.createDirectories(home.resolve(".docker/run"));
    Files.createFile(home.resolve(".docker/run/docker.sock"));
    assertThat(
            ClusterChoice.choose(Map.of(), new DockerEngine(Map.of(), home, engine(true))).kind())
        .isEqualTo(ClusterChoice.Kind.CONTAINERS);
    assertThat(asked).hasValue(2);
  }

  @Test
  void anEngineNamedButSilentMeansTheInProcessStack() throws Exception {
    Files.writeString(
        home.resolve(".testcontainers.properties"), "docker.host=tcp://nowhere:2375\n");

    ClusterChoice.Choice choice =
        ClusterChoice.choose(Map.of(), new DockerEngine(Map.of(), home, engine(false)));

    assertThat(choice.kind()).isEqualTo(ClusterChoice.Kind.IN_PROCESS);
    assertThat(choice.why()).startsWith("no Docker engine answers at ");
    assertThat(asked).hasValue(1);
  }

  @Test
  void externalVariablesWinAndHalfOfThemIsAMistake() {
    Map<String, String> env =
        Map.of(
            ClusterChoice.BOOTSTRAP_VARIABLE,
            "kafka-1:9092",
            ClusterChoice.REGISTRY_VARIABLE,
            "http://registry:8081",
            "DOCKER_HOST",
            "tcp://docker:2375");

    assertThat(ClusterChoice.choose(env, new DockerEngine(env, home, engine(true))).kind())
        .isEqualTo(ClusterChoice.Kind.EXTERNAL);
    assertThat(asked).hasValue(0);

    Map<String, String> half = Map.of(ClusterChoice.BOOTSTRAP_VARIABLE, "kafka-1:9092");
    assertThatThrownBy(() -> ClusterChoice.choose(half, new DockerEngine(half, home, engine(true))))
        .hasMessage(
            "set both TANDEM_TEST_BOOTSTRAP_SERVERS and TANDEM_TEST_SCHEMA_REGISTRY_URL to test"
                + " against an external cluster, or neither");
  }
}
