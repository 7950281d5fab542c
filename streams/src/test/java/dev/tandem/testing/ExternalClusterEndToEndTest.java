package dev.tandem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.demo.LiveOutputs;
import dev.tandem.pipeline.PipelineReplay;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external-cluster path for real, in CI: {@code TANDEM_TEST_BOOTSTRAP_SERVERS} and {@code
 * TANDEM_TEST_SCHEMA_REGISTRY_URL} pointing at this run's own broker and registry (as a developer
 * points them at a cluster of theirs) are chosen over everything else, and a pipeline run against
 * what they name finds the Fastly outage.
 */
@ExtendWith(KafkaStack.class)
class ExternalClusterEndToEndTest {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Test
  void thePipelineRunsOnTheClusterTheVariablesName(@TempDir Path stateDir) throws Exception {
    Map<String, String> env =
        Map.of(
            ClusterChoice.BOOTSTRAP_VARIABLE, KafkaStack.bootstrapServers(),
            ClusterChoice.REGISTRY_VARIABLE, KafkaStack.registryUrl());
    ClusterChoice.Choice choice =
        ClusterChoice.choose(
            env,
            new DockerEngine(
                env,
                stateDir,
                () -> {
                  throw new AssertionError("an external cluster needs no engine");
                }));
    assertThat(choice.kind()).isEqualTo(ClusterChoice.Kind.EXTERNAL);

    try (TestCluster cluster = ClusterChoice.open(choice, env)) {
      assertThat(cluster).isInstanceOf(ExternalCluster.class);
      Map<String, String> settings =
          new LinkedHashMap<>(KafkaStack.pipelineConfig("external", stateDir).values());
      settings.put("bootstrap.servers", cluster.bootstrapServers());
      settings.put("schema.registry.url", cluster.registryUrl());
      TandemConfig config = TandemConfig.load(null, Map.of(), settings);
      Scenario fastly =
          Scenario.bundled().stream()
              .filter(s -> s.name().equals("fastly-2021-06-08"))
              .findFirst()
              .orElseThrow();
      try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
        LiveOutputs outputs = PipelineReplay.replay(config, app, Scenario.records(List.of(fastly)));

        // Two raw partitions: amazon's and reddit's first updates may reach the correlator
        // before fastly's, and an outage opened under amazon's id is then merged into fastly's.
        // What the pipeline concludes is the same either way: one outage, fastly's.
        Map<String, String> lastStateById = new LinkedHashMap<>();
        for (LiveOutputs.PublishedOutage change : outputs.outageChanges()) {
          lastStateById.put(
              change.id(),
              change.json() == null
                  ? "RETRACTED"
                  : JSON.readTree(change.json()).path("state").asText());
        }
        assertThat(lastStateById).containsEntry("fastly-cfdcefd7c4e1", "RESOLVED");
        assertThat(lastStateById)
            .as("any other id was merged or retracted")
            .allSatisfy(
                (id, state) ->
                    assertThat(
                            id.equals("fastly-cfdcefd7c4e1")
                                || state.equals("MERGED")
                                || state.equals("RETRACTED"))
                        .as(id + " " + state)
                        .isTrue());
      }
    }
    // Closing an external cluster stops nothing: the broker still answers.
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", env.get(ClusterChoice.BOOTSTRAP_VARIABLE)))) {
      assertThat(admin.listTopics().names().get(30, java.util.concurrent.TimeUnit.SECONDS))
          .contains("external.outages");
    }
  }
}
