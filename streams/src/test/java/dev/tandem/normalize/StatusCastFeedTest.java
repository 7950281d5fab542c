package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import dev.tandem.track.IncidentLifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * StatusCast's RSS (Fastly's www.fastlystatus.com/rss/): every item is one post of an incident,
 * named by its guid {@code /<incident>/<post>}, with no status label; the {@code STATUSCAST} feed
 * style reads the title and text.
 */
class StatusCastFeedTest {

  private static final String FEED = "feeds/fastly-statuscast.rss";

  private final RssAdapter adapter = new RssAdapter();

  @Test
  void groupsEveryPostIntoItsIncidentByTheGuidsFirstNumber() {
    List<StatusUpdate> updates = fastly();

    assertThat(updates)
        .extracting(StatusUpdate::getIncidentId)
        .containsExactly(
            "378870", "378892", "378892", "378892", "378892", "378899", "378899", "378901",
            "378903", "378905", "378905", "378905");
    StatusUpdate newest = newest(updates);
    assertThat(newest.getUpdateId()).isEqualTo("/378905/817540@2026-09-14T10:20:00Z");
    assertThat(newest.getTitle()).isEqualTo("Elevated Errors for Compute");
    assertThat(newest.getBody())
        .isEqualTo(
            "We are monitoring the fix to confirm that error rates for Compute services have"
                + " returned to normal.");
    assertThat(newest.getUpdatedAt()).isEqualTo(Instant.parse("2026-09-14T10:20:00Z"));
    assertThat(newest.getFormat()).isEqualTo("rss");
  }

  @Test
  void readsAnOpenIncidentsPhaseFromEachPostAsMinor() {
    List<StatusUpdate> compute = incident(fastly(), "378905");

    assertThat(compute)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
    assertThat(compute).extracting(StatusUpdate::getImpact).containsOnly(Impact.MINOR);

    Incident folded = IncidentLifecycle.fold(compute);
    assertThat(folded.getStatus()).isEqualTo(IncidentStatus.MONITORING);
    assertThat(folded.getImpact()).isEqualTo(Impact.MINOR);
    assertThat(folded.getStartedAt()).isEqualTo(Instant.parse("2026-09-14T09:12:00Z"));
    assertThat(folded.getResolvedAt()).isNull();
    assertThat(folded.getUpdateCount()).isEqualTo(3);
  }

  @Test
  void foldsAResolvedIncidentFromItsOldestPostToTheOneThatSaysItIsOver() {
    List<StatusUpdate> miami = incident(fastly(), "378892");

    assertThat(miami)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(
            IncidentStatus.INVESTIGATING,
            IncidentStatus.IDENTIFIED,
            IncidentStatus.MONITORING,
            IncidentStatus.RESOLVED);
    assertThat(newest(miami).getImpact()).isEqualTo(Impact.NONE);

    Incident folded = IncidentLifecycle.fold(miami);
    assertThat(folded.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    // The posts before the last declared an incident: it counted while it lasted.
    assertThat(folded.getImpact()).isEqualTo(Impact.MINOR);
    assertThat(folded.getStartedAt()).isEqualTo(Instant.parse("2026-09-09T13:05:00Z"));
    assertThat(folded.getIdentifiedAt()).isEqualTo(Instant.parse("2026-09-09T13:40:00Z"));
    assertThat(folded.getMonitoringAt()).isEqualTo(Instant.parse("2026-09-09T14:15:00Z"));
    assertThat(folded.getResolvedAt()).isEqualTo(Instant.parse("2026-09-09T15:02:00Z"));
  }

  @Test
  void readsMaintenanceAndCapacityExpansionAsPlannedWorkNeverAnOutage() {
    List<StatusUpdate> updates = fastly();
    List<StatusUpdate> ashburn = incident(updates, "378899");

    assertThat(ashburn)
        .extracting(StatusUpdate::getStatus)
        .containsExactly(IncidentStatus.UNKNOWN, IncidentStatus.RESOLVED);
    assertThat(ashburn).extracting(StatusUpdate::getImpact).containsOnly(Impact.MAINTENANCE);
    Incident folded = IncidentLifecycle.fold(ashburn);
    assertThat(folded.getImpact()).isEqualTo(Impact.MAINTENANCE);
    assertThat(folded.getStatus()).isEqualTo(IncidentStatus.RESOLVED);

    StatusUpdate expansion = incident(updates, "378903").get(0);
    assertThat(expansion.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(expansion.getImpact()).isEqualTo(Impact.MAINTENANCE);
  }

  @Test
  void readsARetrospectiveAsOverAndAnAnnouncementAsNoIncident() {
    List<StatusUpdate> updates = fastly();

    StatusUpdate retrospective = incident(updates, "378901").get(0);
    // Its text says "identified": the title decides first.
    assertThat(retrospective.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(retrospective.getImpact()).isEqualTo(Impact.NONE);

    StatusUpdate announcement = incident(updates, "378870").get(0);
    // Its text names maintenance: the title decides first.
    assertThat(announcement.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(announcement.getImpact()).isEqualTo(Impact.NONE);
  }

  @Test
  void namesTheIncidentByTheGuidWhateverTheLinkSays() {
    String payload =
        Fixtures.text(FEED)
            .replaceFirst(
                "https://www.fastlystatus.com/incident/378905",
                "https://www.fastlystatus.com/incidents/elsewhere");

    assertThat(newest(updatesOf(payload)).getIncidentId()).isEqualTo("378905");
  }

  /**
   * A post's free HTML may hold what another style reads (a bold run Statuspage would take for a
   * label, incident.io's "Status:" line): the guid's shape is tried first.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "&lt;p&gt;&lt;strong&gt;Update&lt;/strong&gt; - We are investigating.&lt;/p&gt;",
        "Status: Identified\nEngineering is working on it."
      })
  void readsAPostThatLooksLikeAnotherStylesMarkupAsStatusCast(String description) {
    String payload =
        Fixtures.text(FEED)
            .replaceFirst(
                "&lt;p&gt;We are monitoring the fix to confirm that error rates for Compute"
                    + " services have returned to normal.&lt;/p&gt;",
                description);

    StatusUpdate post = newest(updatesOf(payload));

    assertThat(post.getIncidentId()).isEqualTo("378905");
    assertThat(post.getImpact()).isEqualTo(Impact.MINOR);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          We are investigating.                                 | INVESTIGATING | MINOR
          We're looking into reports of errors.                 | INVESTIGATING | MINOR
          Engineering has deployed a fix.                       | IDENTIFIED    | MINOR
          A fix has been implemented.                           | IDENTIFIED    | MINOR
          We have identified the cause.                         | IDENTIFIED    | MINOR
          We are working on a fix.                              | INVESTIGATING | MINOR
          We are monitoring the results.                        | MONITORING    | MINOR
          We identified the cause and are monitoring.           | MONITORING    | MINOR
          The problem is unresolved; we are investigating.      | INVESTIGATING | MINOR
          This incident has been resolved.                      | RESOLVED      | NONE
          Service has been restored.                            | RESOLVED      | NONE
          Delivery in Tokyo (TYO) is fully restored.            | RESOLVED      | NONE
          The rollback is complete.                             | RESOLVED      | NONE
          Engineering completed the rollback.                   | RESOLVED      | NONE
          An emergency maintenance is under way.                | UNKNOWN       | MAINTENANCE
          The emergency maintenance has been completed.         | RESOLVED      | MAINTENANCE
          """)
  void readsAPostsTextByWholeWords(String text, IncidentStatus status, Impact impact) {
    StatusUpdate post = updatesOf(feed("Elevated Errors in Tokyo (TYO)", text)).get(0);

    assertThat(post.getStatus()).isEqualTo(status);
    assertThat(post.getImpact()).isEqualTo(impact);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          Retrospective: Elevated Errors in Tokyo (TYO)  | RESOLVED | NONE
          RETROSPECTIVE - Tokyo (TYO)                    | RESOLVED | NONE
          Announcement: New POP in Lima (LIM)            | UNKNOWN  | NONE
          Notice of TLS certificate changes              | UNKNOWN  | NONE
          Noticeable latency in Tokyo (TYO)              | INVESTIGATING | MINOR
          Tokyo (TYO) Maintenance                        | UNKNOWN  | MAINTENANCE
          Data Center Capacity Expansion for Tokyo (TYO) | UNKNOWN  | MAINTENANCE
          """)
  void readsTitlesByTheirFirstWord(String title, IncidentStatus status, Impact impact) {
    StatusUpdate post = updatesOf(feed(title, "We are investigating.")).get(0);

    assertThat(post.getStatus()).isEqualTo(status);
    assertThat(post.getImpact()).isEqualTo(impact);
  }

  /** Not StatusCast's {@code /<digits>/<digits>}: read as any other feed, as before. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "378905-817540",
        "378905/817540",
        "/378905/",
        "/378905/817540/1",
        "/378905//817540",
        "/a/817540",
        "/378905/817540x",
        "/12345678901234567890/12345678901234567890",
        "https://www.fastlystatus.com/incident/378905"
      })
  void fallsToTheGenericStyleForAGuidOfAnotherShape(String guid) {
    String payload = Fixtures.text(FEED).replaceFirst("/378905/817540", guid);

    StatusUpdate post = newest(updatesOf(payload));

    assertThat(post.getIncidentId()).isEqualTo(guid);
    assertThat(post.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(post.getImpact()).isEqualTo(Impact.NONE);
  }

  @Test
  @Timeout(30)
  void aHostileTitleAndTextStayCheap() {
    String title = "Noticeable maintenanc ".repeat(200_000);
    String text = "resolve unresolvedx fixe monitor ".repeat(100_000);

    long start = System.nanoTime();
    StatusUpdate post = updatesOf(feed(title, text)).get(0);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(post.getIncidentId()).isEqualTo("1");
    assertThat(post.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(post.getImpact()).isEqualTo(Impact.MINOR);
  }

  private List<StatusUpdate> fastly() {
    return Fixtures.updates(
        adapter.parse(Fixtures.raw("fastly", FEED, "https://www.fastlystatus.com/rss/")));
  }

  private List<StatusUpdate> updatesOf(String payload) {
    RawStatus raw = Fixtures.raw("fastly", payload.getBytes(StandardCharsets.UTF_8));
    return Fixtures.updates(adapter.parse(raw));
  }

  /** The updates of a feed come oldest first ({@link ParseResult.Parsed}). */
  private static StatusUpdate newest(List<StatusUpdate> updates) {
    return updates.get(updates.size() - 1);
  }

  private static List<StatusUpdate> incident(List<StatusUpdate> updates, String id) {
    return updates.stream().filter(u -> u.getIncidentId().equals(id)).toList();
  }

  /** A StatusCast feed of one post, post 2 of incident 1. */
  private static String feed(String title, String text) {
    return "<rss version=\"2.0\"><channel><title>Status rss feed</title><item><title>"
        + escape(title)
        + "</title><description>"
        + escape("<p>" + text + "</p>")
        + "</description><link>https://status.example.com/incident/1</link>"
        + "<guid isPermaLink=\"false\">/1/2</guid>"
        + "<pubDate>Mon, 14 Sep 2026 10:20:00 +0000</pubDate></item></channel></rss>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
