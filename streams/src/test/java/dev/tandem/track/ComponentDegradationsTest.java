package dev.tandem.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.pipeline.OfflinePipeline;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A Statuspage component that degrades, recovers and degrades again: two incidents, each resolved
 * in turn, through the real topology. The polls are GitHub's recorded summary.json of 2020-04-02
 * with one component's status and time changed from poll to poll, and its incident removed so that
 * only the component speaks.
 */
class ComponentDegradationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GIT = "8l4ygp009s5s";

  @Test
  void aComponentThatRecoversAndDegradesAgainMakesTwoIncidentsEachResolvedInTurn()
      throws IOException {
    List<RawStatus> polls = new ArrayList<>();
    polls.add(poll("operational", "2020-04-01T08:00:00Z", "2020-04-02T09:00:00Z"));
    polls.add(poll("degraded_performance", "2020-04-02T10:00:00Z", "2020-04-02T10:01:00Z"));
    polls.add(poll("degraded_performance", "2020-04-02T10:00:00Z", "2020-04-02T10:02:00Z"));
    polls.add(poll("major_outage", "2020-04-02T10:20:00Z", "2020-04-02T10:21:00Z"));
    polls.add(poll("operational", "2020-04-02T11:00:00Z", "2020-04-02T11:01:00Z"));
    polls.add(poll("operational", "2020-04-02T11:00:00Z", "2020-04-02T11:02:00Z"));
    polls.add(poll("partial_outage", "2020-04-05T16:00:00Z", "2020-04-05T16:01:00Z"));

    try (OfflinePipeline pipeline = OfflinePipeline.of(polls)) {
      Map<String, Incident> incidents = pipeline.incidents();
      String first = "github/component:" + GIT + "@2020-04-02T10:00:00Z";
      String second = "github/component:" + GIT + "@2020-04-05T16:00:00Z";
      assertThat(incidents).containsOnlyKeys(first, second);
      assertThat(incidents.get(first).getStatus()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(incidents.get(first).getImpact()).isEqualTo(Impact.CRITICAL);
      assertThat(incidents.get(first).getStartedAt())
          .isEqualTo(Instant.parse("2020-04-02T10:00:00Z"));
      assertThat(incidents.get(first).getResolvedAt())
          .isEqualTo(Instant.parse("2020-04-02T11:00:00Z"));
      assertThat(incidents.get(second).getStatus()).isNotEqualTo(IncidentStatus.RESOLVED);
      assertThat(incidents.get(second).getImpact()).isEqualTo(Impact.MAJOR);

      pipeline.pipe(List.of(poll("operational", "2020-04-05T17:30:00Z", "2020-04-05T17:31:00Z")));

      // Only the second degradation changes; the first, ended, is left as it was.
      Map<String, Incident> changed = pipeline.incidents();
      assertThat(changed).containsOnlyKeys(second);
      assertThat(changed.get(second).getStatus()).isEqualTo(IncidentStatus.RESOLVED);
      assertThat(changed.get(second).getResolvedAt())
          .isEqualTo(Instant.parse("2020-04-05T17:30:00Z"));
    }
  }

  /**
   * All a degradation's state is in the (changelogged) store: a tracker started again on what the
   * store holds, as after a restart, goes on with the same degradation.
   */
  @Test
  void aRestartedTrackerGoesOnWithTheDegradationTheStoreHolds() {
    KeyValueStore<String, String> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ComponentDegradations.STORE),
                Serdes.String(),
                Serdes.String())
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    StatusUpdate failing = componentStatus(IncidentStatus.INVESTIGATING, "2020-04-05T16:00:00Z");

    String id = new ComponentDegradations(store).assign(failing).orElseThrow().getIncidentId();
    ComponentDegradations restarted = new ComponentDegradations(store);

    assertThat(id).isEqualTo("component:" + GIT + "@2020-04-05T16:00:00Z");
    assertThat(
            restarted.assign(componentStatus(IncidentStatus.INVESTIGATING, "2020-04-05T16:20:00Z")))
        .map(StatusUpdate::getIncidentId)
        .contains(id);
    assertThat(restarted.assign(componentStatus(IncidentStatus.RESOLVED, "2020-04-05T17:30:00Z")))
        .map(StatusUpdate::getIncidentId)
        .contains(id);
    assertThat(restarted.assign(componentStatus(IncidentStatus.RESOLVED, "2020-04-05T18:30:00Z")))
        .map(StatusUpdate::getIncidentId)
        .as("an operational status after the end is that degradation's again, never a new one")
        .contains(id);
  }

  private static StatusUpdate componentStatus(IncidentStatus status, String at) {
    Instant time = Instant.parse(at);
    return StatusUpdate.newBuilder()
        .setProvider("github")
        .setIncidentId("component:" + GIT)
        .setUpdateId(GIT + "@" + at)
        .setTitle("Git Operations")
        .setStatus(status)
        .setImpact(status == IncidentStatus.RESOLVED ? Impact.NONE : Impact.MAJOR)
        .setComponents(List.of())
        .setBody(null)
        .setStartedAt(time)
        .setUpdatedAt(time)
        .setFormat("statuspage")
        .setSource(null)
        .build();
  }

  /** The recorded summary, with the Git Operations component at this status since this time. */
  private static RawStatus poll(String status, String since, String receivedAt) throws IOException {
    ObjectNode summary;
    try (InputStream in =
        ComponentDegradationsTest.class.getResourceAsStream(
            "/normalize/statuspage/github-summary-2020-04-02.json")) {
      summary = (ObjectNode) JSON.readTree(in);
    }
    summary.set("incidents", JSON.createArrayNode());
    ArrayNode kept = JSON.createArrayNode();
    for (var component : summary.get("components")) {
      if (component.get("id").asText().equals(GIT)) {
        ((ObjectNode) component).put("status", status).put("updated_at", since);
        kept.add(component);
      }
    }
    summary.set("components", kept);
    return new RawStatus(
        "github",
        "statuspage",
        "https://www.githubstatus.com/api/v2/summary.json",
        Instant.parse(receivedAt),
        JSON.writeValueAsBytes(summary));
  }
}
