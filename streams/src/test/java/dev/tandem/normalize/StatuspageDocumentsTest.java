package dev.tandem.normalize;

import static dev.tandem.normalize.StatuspageWebhookTest.component;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statuspage's polled documents: incidents.json, incidents/unresolved.json,
 * scheduled-maintenances.json, summary.json, components.json.
 */
class StatuspageDocumentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StatuspageAdapter adapter = new StatuspageAdapter();

  @Test
  void readsEveryUpdateOfEveryIncidentInGitHubsIncidentsJson() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw(
                "github",
                "statuspage/github-incidents-2024-09-16.json",
                "https://www.githubstatus.com/api/v2/incidents.json"));

    assertThat(updates).hasSize(12);
    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().equals("69sb0f8lydp4"))
        .hasSize(6)
        .allSatisfy(
            update -> {
              assertThat(update.getTitle()).isEqualTo("Incident with Pages and Actions");
              assertThat(update.getImpact()).isEqualTo(Impact.MAJOR);
              assertThat(update.getStartedAt())
                  .isEqualTo(Instant.parse("2024-09-16T21:31:02.713Z"));
            });
    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().equals("r3x7x31k7nn1"))
        .hasSize(6)
        .allSatisfy(
            update -> {
              assertThat(update.getImpact()).isEqualTo(Impact.MINOR);
              assertThat(update.getComponents()).isEmpty();
            });
    assertThat(updates)
        .allSatisfy(
            update ->
                assertThat(update.getSource())
                    .isEqualTo("https://www.githubstatus.com/api/v2/incidents.json"));
  }

  @Test
  void takesEachUpdatesComponentsFromItsAffectedComponents() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("github", "statuspage/github-incidents-2024-09-16.json"));

    assertThat(update(updates, "9lpqk4965mzb").getComponents())
        .containsExactly(
            component("vg70hn9s2tyj", "Pages", ComponentStatus.PARTIAL_OUTAGE),
            component("br0l2tvcx85d", "Actions", ComponentStatus.PARTIAL_OUTAGE));
    assertThat(update(updates, "r8yz2fpy4ss8").getComponents())
        .containsExactly(
            component("vg70hn9s2tyj", "Pages", ComponentStatus.PARTIAL_OUTAGE),
            component("br0l2tvcx85d", "Actions", ComponentStatus.MAJOR_OUTAGE));
  }

  @Test
  void fallsBackToTheIncidentsComponentsWhenAnUpdateNamesNone() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("github", "statuspage/github-summary-2020-04-02.json"));

    // "affected_components": null in this update; the incident lists one component.
    assertThat(update(updates, "yqsdhyw44qzj").getComponents())
        .containsExactly(
            component(
                "0l2p9nhqnxpd",
                "Visit www.githubstatus.com for more information",
                ComponentStatus.OPERATIONAL));
  }

  @Test
  void readsDiscordsPacificTimeOffsetsAsInstants() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("discord", "statuspage/discord-incidents-2022-02-15.json"));

    assertThat(updates)
        .extracting(StatusUpdate::getUpdateId)
        .containsExactly("7gv6pn1zyz2n", "8tkvrgqxbpr0", "2shj4d01hc9g", "g93t2s4f10jh");
    StatusUpdate first = updates.get(0);
    assertThat(first.getStartedAt()).isEqualTo(Instant.parse("2022-02-15T21:14:17.737Z"));
    assertThat(first.getUpdatedAt()).isEqualTo(Instant.parse("2022-02-15T21:14:17.849Z"));
    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.INVESTIGATING,
            IncidentStatus.INVESTIGATING,
            IncidentStatus.MONITORING,
            IncidentStatus.RESOLVED);
  }

  @Test
  void readsAnUnresolvedJsonWithoutIncidentsAsNoUpdates() {
    assertThat(updatesOf(Fixtures.raw("discord", "statuspage/discord-unresolved-2022-02-15.json")))
        .isEmpty();
  }

  @Test
  void readsScheduledMaintenancesAsMaintenanceWhateverImpactTheyClaim() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw("discord", "statuspage/discord-scheduled-maintenances-2015-09-22.json"));

    assertThat(updates)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.SCHEDULED,
            IncidentStatus.IN_PROGRESS,
            IncidentStatus.VERIFYING,
            IncidentStatus.COMPLETED);
    assertThat(updates)
        .allSatisfy(
            update -> {
              assertThat(update.getIncidentId()).isEqualTo("chkt3cr0jf7b");
              assertThat(update.getImpact()).isEqualTo(Impact.MAINTENANCE);
              assertThat(update.getStartedAt()).isEqualTo(Instant.parse("2015-09-19T01:20:00Z"));
            });
    assertThat(updates.get(0).getUpdatedAt()).isEqualTo(Instant.parse("2015-09-19T01:20:40.794Z"));
  }

  @Test
  void readsAMaintenanceListedInIncidentsJsonAsMaintenanceToo() throws IOException {
    ObjectNode document = tree("statuspage/discord-scheduled-maintenances-2015-09-22.json");
    document.set("incidents", document.remove("scheduled_maintenances"));

    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("discord", JSON.writeValueAsBytes(document)));

    assertThat(updates)
        .hasSize(4)
        .allSatisfy(update -> assertThat(update.getImpact()).isEqualTo(Impact.MAINTENANCE));
  }

  @Test
  void opensAComponentIncidentForEachBrokenComponentThatNoIncidentNames() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("github", "statuspage/github-summary-2020-04-02.json"));

    List<StatusUpdate> opened =
        updates.stream()
            .filter(update -> update.getIncidentId().startsWith("component:"))
            .filter(update -> update.getStatus() == IncidentStatus.INVESTIGATING)
            .toList();
    assertThat(opened)
        .extracting(StatusUpdate::getTitle)
        .containsExactlyInAnyOrder(
            "Git Operations: major outage",
            "API Requests: major outage",
            "Webhooks: major outage",
            "Issues, PRs, Projects: major outage",
            "GitHub Actions: partial outage",
            "GitHub Packages: major outage");
    StatusUpdate actions =
        opened.stream()
            .filter(update -> update.getIncidentId().equals("component:br0l2tvcx85d"))
            .findFirst()
            .orElseThrow();
    assertThat(actions.getUpdateId()).isEqualTo("br0l2tvcx85d@2020-04-02T20:21:56.716Z");
    assertThat(actions.getImpact()).isEqualTo(Impact.MAJOR);
    assertThat(actions.getStartedAt()).isEqualTo(Instant.parse("2020-04-02T20:21:56.716Z"));
    assertThat(actions.getUpdatedAt()).isEqualTo(actions.getStartedAt());
    assertThat(actions.getComponents())
        .containsExactly(
            component("br0l2tvcx85d", "GitHub Actions", ComponentStatus.PARTIAL_OUTAGE));
    assertThat(opened).filteredOn(update -> update.getImpact() == Impact.CRITICAL).hasSize(5);
  }

  @Test
  void resolvesTheComponentIncidentOfEveryOperationalComponent() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("github", "statuspage/github-summary-2020-04-02.json"));

    assertThat(updates).hasSize(2 + 6 + 3);
    assertThat(updates)
        .filteredOn(update -> update.getStatus() == IncidentStatus.RESOLVED)
        .extracting(StatusUpdate::getIncidentId)
        .containsExactlyInAnyOrder(
            "component:0l2p9nhqnxpd", "component:vg70hn9s2tyj", "component:5l5rlzqm4yzy")
        .hasSize(3);
    assertThat(updates)
        .filteredOn(update -> update.getStatus() == IncidentStatus.RESOLVED)
        .allSatisfy(update -> assertThat(update.getImpact()).isEqualTo(Impact.NONE));
  }

  @Test
  void leavesBrokenComponentsThatAnOpenIncidentNamesToThatIncident() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("instructure", "statuspage/instructure-summary-2021-12-07.json"));

    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().equals("g1zp3jpycgbz"))
        .hasSize(4);
    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().startsWith("component:"))
        .hasSize(13)
        .allSatisfy(update -> assertThat(update.getStatus()).isEqualTo(IncidentStatus.RESOLVED));
  }

  @Test
  void letsLeafComponentsSpeakForTheGroupThatHoldsThem() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("linode", "statuspage/linode-components-2021-12-17.json"));

    assertThat(updates)
        .extracting(StatusUpdate::getIncidentId)
        .doesNotContain("component:kb0cf2d0rryb", "component:drpn3k8bk56t")
        .hasSize(10);
    assertThat(updates)
        .filteredOn(update -> update.getImpact() == Impact.MAJOR)
        .extracting(StatusUpdate::getTitle)
        .containsExactly(
            "US-East (Newark): partial outage",
            "US-Central (Dallas): partial outage",
            "US-West (Fremont): partial outage",
            "EU-West (London): partial outage",
            "EU-Central (Frankfurt): partial outage");
  }

  @Test
  void readsAGroupListedWithoutItsChildrenAsAComponent() throws IOException {
    ObjectNode document = tree("statuspage/linode-components-2021-12-17.json");
    ArrayNode onlyGroups = JSON.createArrayNode();
    document
        .withArray("components")
        .forEach(
            component -> {
              if (component.path("group").asBoolean()) {
                onlyGroups.add(component);
              }
            });
    document.set("components", onlyGroups);

    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("linode", JSON.writeValueAsBytes(document)));

    assertThat(updates)
        .extracting(StatusUpdate::getTitle)
        .containsExactlyInAnyOrder("Regions: partial outage", "Backups: operational");
  }

  @Test
  void leavesTheChildrenOfAGroupThatAnOpenIncidentNamesToThatIncident() throws IOException {
    // Instructure's open incident of that day, made to name Linode's "Regions" group instead.
    ObjectNode incident =
        (ObjectNode)
            tree("statuspage/instructure-summary-2021-12-07.json").withArray("incidents").get(0);
    ObjectNode document = tree("statuspage/linode-components-2021-12-17.json");
    ArrayNode regionsGroup = JSON.createArrayNode();
    document
        .withArray("components")
        .forEach(
            component -> {
              if (component.path("id").asText().equals("kb0cf2d0rryb")) {
                regionsGroup.add(component);
              }
            });
    incident.set("components", regionsGroup);
    incident.set("incident_updates", JSON.createArrayNode());
    document.set("incidents", JSON.createArrayNode().add(incident));

    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("linode", JSON.writeValueAsBytes(document)));

    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().startsWith("component:"))
        .hasSize(5)
        .allSatisfy(update -> assertThat(update.getStatus()).isEqualTo(IncidentStatus.RESOLVED));
    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().equals("g1zp3jpycgbz"))
        .singleElement()
        .satisfies(
            update ->
                assertThat(update.getComponents())
                    .containsExactly(
                        component("kb0cf2d0rryb", "Regions", ComponentStatus.PARTIAL_OUTAGE)));
  }

  @Test
  void readsAComponentUnderMaintenanceAsMaintenanceInProgress() throws IOException {
    ObjectNode document = tree("statuspage/linode-components-2021-12-17.json");
    ((ObjectNode) document.withArray("components").get(1)).put("status", "under_maintenance");

    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("linode", JSON.writeValueAsBytes(document)));

    assertThat(updates)
        .filteredOn(update -> update.getIncidentId().equals("component:qx710vq78w73"))
        .singleElement()
        .satisfies(
            update -> {
              assertThat(update.getTitle()).isEqualTo("Linode.com: under maintenance");
              assertThat(update.getStatus()).isEqualTo(IncidentStatus.IN_PROGRESS);
              assertThat(update.getImpact()).isEqualTo(Impact.MAINTENANCE);
            });
  }

  @Test
  void repeatsTheSameUpdateIdsWhenAnUnchangedPageIsPolledAgain() {
    RawStatus poll = Fixtures.raw("github", "statuspage/github-summary-2020-04-02.json");

    assertThat(updatesOf(poll)).isEqualTo(updatesOf(poll));
  }

  private List<StatusUpdate> updatesOf(RawStatus raw) {
    return Fixtures.updates(adapter.parse(raw));
  }

  private static StatusUpdate update(List<StatusUpdate> updates, String updateId) {
    return updates.stream()
        .filter(update -> update.getUpdateId().equals(updateId))
        .findFirst()
        .orElseThrow();
  }

  private static ObjectNode tree(String fixture) throws IOException {
    return (ObjectNode) JSON.readTree(Fixtures.bytes(fixture));
  }
}
