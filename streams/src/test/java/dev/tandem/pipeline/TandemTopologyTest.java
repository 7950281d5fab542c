package dev.tandem.pipeline;

import static dev.tandem.pipeline.OutageLog.finalOutages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.alert.OutageJson;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.OutageState;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole topology on TopologyTestDriver, with the real serdes over an in-memory registry. */
class TandemTopologyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Runs the scenarios' records (in the given order) through a fresh topology and hands it to the
   * check.
   */
  private static void drive(List<RawStatus> records, Consumer<OfflinePipeline> check) {
    try (OfflinePipeline run = OfflinePipeline.of(records)) {
      check.accept(run);
    }
  }

  private static Scenario scenario(String name) {
    return Scenario.bundled().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void correlatesTheFastlyOutageAndResolvesItWithTheLastMember() {
    drive(
        Scenario.records(List.of(scenario("fastly-2021-06-08"))),
        out -> {
          List<TestRecord<String, CorrelatedOutage>> changes = out.outageChanges();
          assertThat(changes).isNotEmpty();
          CorrelatedOutage opened = changes.get(0).value();
          assertThat(opened.getState()).isEqualTo(OutageState.OPEN);
          assertThat(opened.getVersion()).isEqualTo(1);
          assertThat(opened.getProviders()).containsExactly("amazon", "fastly");
          assertThat(changes.get(0).timestamp())
              .as("opened by amazon's first update")
              .isEqualTo(Instant.parse("2021-06-08T10:00:00Z").toEpochMilli());
          CorrelatedOutage last = changes.get(changes.size() - 1).value();
          assertThat(last.getState()).isEqualTo(OutageState.RESOLVED);
          assertThat(last.getProviders())
              .containsExactly("amazon", "fastly", "github", "govuk", "reddit");
          assertThat(last.getSuspectedCause().getProvider()).isEqualTo("fastly");
          assertThat(last.getResolvedAt()).isEqualTo(Instant.parse("2021-06-08T12:44:00Z"));
          assertThat(changes)
              .extracting(r -> r.value().getVersion())
              .isSorted()
              .doesNotHaveDuplicates();
          assertThat(finalOutages(changes)).hasSize(1);
          List<String> json = out.outagesJson().readValuesToList();
          assertThat(json).hasSameSizeAs(changes);
          JsonNode lastJson = read(json.get(json.size() - 1));
          assertThat(lastJson.get("type").asText()).isEqualTo("outage");
          assertThat(lastJson.get("state").asText()).isEqualTo("RESOLVED");
          assertThat(lastJson.get("suspectedCause").get("provider").asText()).isEqualTo("fastly");
        });
  }

  @Test
  void staysQuietForMetaAndOpenAiFiveHoursApart() {
    drive(
        Scenario.records(List.of(scenario("seed-2024-12-11-meta-then-openai"))),
        out -> {
          assertThat(out.outageChanges()).isEmpty();
          Map<String, Incident> incidents = out.incidents();
          assertThat(incidents.keySet())
              .containsExactlyInAnyOrder(
                  "meta/meta-2024-12-11", "openai/openai-2024-12-11-ctrsv3lwd797");
          assertThat(incidents.values())
              .allSatisfy(i -> assertThat(i.getStatus()).isEqualTo(IncidentStatus.RESOLVED));
          Incident openai = incidents.get("openai/openai-2024-12-11-ctrsv3lwd797");
          assertThat(openai.getStartedAt()).isEqualTo(Instant.parse("2024-12-11T23:16:00Z"));
          assertThat(openai.getResolvedAt()).isEqualTo(Instant.parse("2024-12-12T03:38:00Z"));
        });
  }

  @Test
  void tracksTheChatGptOutageThroughItsPhases() {
    drive(
        Scenario.records(List.of(scenario("seed-2025-12-02-chatgpt-two-hours"))),
        out -> {
          List<TestRecord<String, StatusUpdate>> updates = out.updates();
          assertThat(updates)
              .as("each vendor update once, though every webhook repeats the earlier ones")
              .hasSize(5);
          Incident incident = out.incidents().get("openai/openai-2025-12-02-elevated-errors");
          assertThat(incident.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
          assertThat(incident.getComponents()).hasSize(14);
          assertThat(incident.getStartedAt()).isEqualTo(Instant.parse("2025-12-02T19:40:00Z"));
          assertThat(incident.getIdentifiedAt()).isEqualTo(Instant.parse("2025-12-02T19:55:00Z"));
          assertThat(incident.getMonitoringAt()).isEqualTo(Instant.parse("2025-12-02T20:32:00Z"));
          assertThat(incident.getResolvedAt()).isEqualTo(Instant.parse("2025-12-02T21:40:00Z"));
          assertThat(incident.getTimeToIdentifyMillis())
              .isEqualTo(Duration.ofMinutes(15).toMillis());
          assertThat(incident.getTimeToMitigateMillis())
              .isEqualTo(Duration.ofMinutes(52).toMillis());
          assertThat(incident.getTimeToResolveMillis()).isEqualTo(Duration.ofHours(2).toMillis());
          assertThat(out.outageChanges()).isEmpty();
        });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fastly-2021-06-08",
        "seed-2024-12-11-meta-then-openai",
        "seed-2025-12-02-chatgpt-two-hours"
      })
  void shuffledInputGivesTheSameFinalOutagesAndIncidents(String name) {
    List<RawStatus> ordered = Scenario.records(List.of(scenario(name)));
    Map<String, OutageLog.Standing> expectedOutages = new LinkedHashMap<>();
    Map<String, String> expectedIncidents = new LinkedHashMap<>();
    drive(
        ordered,
        out -> {
          expectedOutages.putAll(OutageLog.standingOutages(out.outageChanges()));
          out.incidents().forEach((k, v) -> expectedIncidents.put(k, OutageJson.toJson(v)));
        });
    Random random = new Random(7);
    for (int i = 0; i < 5; i++) {
      List<RawStatus> shuffled = new ArrayList<>(ordered);
      Collections.shuffle(shuffled, random);
      drive(
          shuffled,
          out -> {
            assertThat(OutageLog.standingOutages(out.outageChanges())).isEqualTo(expectedOutages);
            Map<String, String> incidents = new LinkedHashMap<>();
            out.incidents().forEach((k, v) -> incidents.put(k, OutageJson.toJson(v)));
            assertThat(incidents).isEqualTo(expectedIncidents);
          });
    }
  }

  @Test
  void sendsUnreadableRecordsToTheDeadLetterTopicWithTheReason() {
    RawStatus garbage =
        new RawStatus(
            "openai",
            "statuspage",
            null,
            Instant.parse("2025-01-01T00:00:00Z"),
            "this is not json".getBytes(StandardCharsets.UTF_8));
    RawStatus badKey =
        new RawStatus(
            "Open AI",
            "tandem",
            null,
            Instant.parse("2025-01-01T00:00:01Z"),
            "{}".getBytes(StandardCharsets.UTF_8));

    drive(
        List.of(garbage, badKey),
        out -> {
          List<TestRecord<String, byte[]>> dead = out.deadLetters();
          assertThat(dead).hasSize(2);
          TestRecord<String, byte[]> first = dead.get(0);
          assertThat(first.key()).isEqualTo("openai");
          assertThat(new String(first.value(), StandardCharsets.UTF_8))
              .isEqualTo("this is not json");
          assertThat(header(first, "tandem.error.stage")).isEqualTo("normalize");
          assertThat(header(first, "tandem.error.reason")).isNotBlank();
          assertThat(header(first, "tandem.error.class")).isEqualTo("ParseFailure");
          assertThat(header(first, "tandem.format"))
              .as("original headers kept")
              .isEqualTo("statuspage");
          assertThat(header(dead.get(1), "tandem.error.reason")).contains("'Open AI'");
          assertThat(out.updates()).isEmpty();
        });
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
