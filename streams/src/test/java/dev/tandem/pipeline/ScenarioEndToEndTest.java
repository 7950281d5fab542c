package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.Incident;
import dev.tandem.demo.LiveOutputs;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.KafkaStack;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each bundled scenario through the real pipeline: in-process KRaft broker, Apicurio registry,
 * RocksDB stores, exactly-once; asserts exactly what the scenario's {@code .expected.json} says.
 */
@ExtendWith(KafkaStack.class)
class ScenarioEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fastly-2021-06-08",
        "seed-2024-12-11-meta-then-openai",
        "seed-2025-12-02-chatgpt-two-hours"
      })
  void concludesWhatTheScenarioExpects(String name, @TempDir Path stateDir) throws Exception {
    Scenario scenario =
        Scenario.bundled().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    JsonNode expected = resourceJson("/scenarios/" + name + ".expected.json");
    TandemConfig config = KafkaStack.pipelineConfig("e2e-" + name, stateDir);

    LiveOutputs result;
    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
      result = PipelineReplay.replay(config, app, Scenario.records(List.of(scenario)));
    }

    assertOutages(result, expected.get("outages"));
    assertIncidents(result, expected.get("incidents"));
  }

  private static void assertOutages(LiveOutputs result, JsonNode expected) throws Exception {
    Map<String, JsonNode> live = new LinkedHashMap<>();
    for (LiveOutputs.PublishedOutage change : result.outageChanges()) {
      JsonNode outage = change.json() == null ? null : JSON.readTree(change.json());
      // A tombstone or a MERGED record ends an id (README "Outage ids").
      if (outage == null || outage.get("state").asText().equals("MERGED")) {
        live.remove(change.id());
      } else {
        live.put(change.id(), outage);
      }
    }
    assertThat(live).hasSize(expected.size());
    List<JsonNode> actual = new ArrayList<>(live.values());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode want = expected.get(i);
      JsonNode got = actual.get(i);
      assertThat(strings(got.get("providers"))).isEqualTo(strings(want.get("providers")));
      assertThat(got.get("suspectedCause").get("provider").asText())
          .isEqualTo(want.get("suspectedCause").asText());
      assertThat(got.get("state").asText()).isEqualTo(want.get("finalState").asText());
    }
    if (!expected.isEmpty()) {
      JsonNode first = JSON.readTree(result.outageChanges().get(0).json());
      assertThat(first.get("state").asText()).isEqualTo("OPEN");
      assertThat(first.get("version").asInt()).isEqualTo(1);
    }
  }

  private static void assertIncidents(LiveOutputs result, JsonNode expected) {
    for (JsonNode want : expected) {
      Incident got =
          result.incidents().stream()
              .filter(
                  i ->
                      i.getProvider().equals(want.get("provider").asText())
                          && i.getIncidentId().equals(want.get("incidentId").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no incident " + want));
      assertThat(got.getStatus().name()).isEqualTo(want.get("status").asText());
      if (want.has("impact")) {
        assertThat(got.getImpact().name()).isEqualTo(want.get("impact").asText());
      }
      if (want.has("componentCount")) {
        assertThat(got.getComponents()).hasSize(want.get("componentCount").asInt());
      }
      assertTime(got.getStartedAt(), want, "startedAt");
      assertTime(got.getIdentifiedAt(), want, "identifiedAt");
      assertTime(got.getMonitoringAt(), want, "monitoringAt");
      assertTime(got.getResolvedAt(), want, "resolvedAt");
    }
  }

  private static void assertTime(Instant actual, JsonNode want, String field) {
    if (want.has(field)) {
      assertThat(actual).as(field).isEqualTo(Instant.parse(want.get(field).asText()));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static JsonNode resourceJson(String path) throws Exception {
    try (InputStream in = ScenarioEndToEndTest.class.getResourceAsStream(path)) {
      return JSON.readTree(in);
    }
  }
}
