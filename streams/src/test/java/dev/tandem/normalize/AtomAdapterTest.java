package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Atom status feeds: Statuspage's history.atom and incident.io's. Each entry is one update. */
class AtomAdapterTest {

  private static final String GITHUB = "feeds/github-history-2025-10-21.atom";

  private final AtomAdapter adapter = new AtomAdapter();

  @Test
  void readsEachStatuspageEntryAsTheIncidentsLatestUpdate() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("github", GITHUB, "https://www.githubstatus.com/history.atom"));

    assertThat(updates)
        .extracting(StatusUpdate::getIncidentId)
        .containsExactly("qqd6b1xb63tq", "v61nk2fpysnq", "9klytnsknx20");
    assertThat(updates).extracting(StatusUpdate::getStatus).containsOnly(IncidentStatus.RESOLVED);
    StatusUpdate saml = updates.get(1);
    assertThat(saml.getTitle()).isEqualTo("Disruption with some GitHub services");
    assertThat(saml.getUpdateId())
        .isEqualTo("tag:www.githubstatus.com,2005:Incident/26837586@2025-10-21T17:39:34Z");
    assertThat(saml.getStartedAt()).isEqualTo(Instant.parse("2025-10-21T16:00:00Z"));
    assertThat(saml.getUpdatedAt()).isEqualTo(Instant.parse("2025-10-21T17:39:34Z"));
    assertThat(saml.getBody())
        .startsWith("This incident has been resolved. Thank you for your patience");
    assertThat(saml.getFormat()).isEqualTo("atom");
  }

  @Test
  void datesAnEditedEntryByItsUpdatedTimeAndStartsItAtItsFirstUpdate() {
    StatusUpdate copilot = updatesOf(Fixtures.raw("github", GITHUB)).get(2);

    // published 16:40:02 (when it resolved), updated 20:25:22 (an edit afterwards)
    assertThat(copilot.getUpdatedAt()).isEqualTo(Instant.parse("2025-10-21T20:25:22Z"));
    assertThat(copilot.getStartedAt()).isEqualTo(Instant.parse("2025-10-20T14:46:00Z"));
  }

  @Test
  void keepsThePhaseThroughStatuspageUpdatePosts() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("claude", "feeds/claude-history-2026-09-03.atom"));

    StatusUpdate resolved = updates.get(0);
    assertThat(resolved.getIncidentId()).isEqualTo("288w7p4hk1l1");
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    StatusUpdate stillInvestigating = updates.get(1);
    assertThat(stillInvestigating.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(stillInvestigating.getImpact()).isEqualTo(Impact.MINOR);
    assertThat(stillInvestigating.getBody()).isEqualTo("We are continuing to work on a fix.");
    // Only the newest post has a time; the incident start is then the entry's own time.
    assertThat(stillInvestigating.getStartedAt()).isEqualTo(Instant.parse("2026-09-03T14:49:48Z"));
  }

  @Test
  void readsIncidentIoEntriesWithTheirAffectedComponents() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("openai", "feeds/openai-history-2026-09-03.atom"));

    StatusUpdate investigating = updates.get(1);
    assertThat(investigating.getIncidentId()).isEqualTo("01M1KWEDH417T2CF44YYHZDFCR");
    assertThat(investigating.getTitle()).isEqualTo("Elevated errors across ChatGPT and Codex");
    assertThat(investigating.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(investigating.getImpact()).isEqualTo(Impact.MINOR);
    assertThat(investigating.getBody()).isEqualTo("We are investigating.");
    assertThat(investigating.getComponents())
        .containsExactly(
            AffectedComponent.newBuilder()
                .setId(null)
                .setName("Search")
                .setStatus(ComponentStatus.DEGRADED_PERFORMANCE)
                .build());
    assertThat(investigating.getUpdatedAt()).isEqualTo(Instant.parse("2026-09-03T14:58:23.907Z"));
    assertThat(updates.get(0).getStatus()).isEqualTo(IncidentStatus.RESOLVED);
  }

  @Test
  void refusesAnRssFeedNamingTheRootItFound() {
    assertThat(reasonFor(Fixtures.raw("github", "feeds/github-history-2022-03-16.rss")))
        .isEqualTo(
            "atom payload's root element is <rss>, expected <feed> in the Atom namespace http://www.w3.org/2005/Atom");
  }

  @Test
  void refusesAFeedElementOutsideTheAtomNamespace() {
    assertThat(reasonFor(raw("<feed><entry/></feed>")))
        .isEqualTo(
            "atom payload's root element is <feed>, expected <feed> in the Atom namespace http://www.w3.org/2005/Atom");
  }

  @Test
  void refusesAnEntryWithoutTimestamps() {
    String payload =
        Fixtures.text("feeds/claude-history-2026-09-03.atom")
            .replace("<updated>2026-09-03T12:56:26Z</updated>", "");

    assertThat(reasonFor(raw(payload)))
        .isEqualTo(
            "atom entry #2 'tag:status.claude.com,2005:Incident/31343296' has no 'updated' or 'published' timestamp");
  }

  private List<StatusUpdate> updatesOf(RawStatus raw) {
    return Fixtures.updates(adapter.parse(raw));
  }

  private String reasonFor(RawStatus raw) {
    return Fixtures.reason(adapter.parse(raw));
  }

  private static RawStatus raw(String payload) {
    return Fixtures.raw("feed", payload.getBytes(StandardCharsets.UTF_8));
  }
}
