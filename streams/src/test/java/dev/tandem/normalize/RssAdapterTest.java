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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RSS status feeds: Statuspage's history.rss, AWS Health, Azure, Slack. Each item is one update.
 */
class RssAdapterTest {

  private final RssAdapter adapter = new RssAdapter();

  @Test
  void readsEachStatuspageItemAsTheIncidentsLatestUpdateNamedLikeItsJsonApiNamesIt() {
    List<StatusUpdate> updates =
        updatesOf(
            Fixtures.raw(
                "github",
                "feeds/github-history-2022-03-16.rss",
                "https://www.githubstatus.com/history.rss"));

    // The ids Statuspage's incidents.json uses, taken from each item's link.
    assertThat(updates)
        .extracting(StatusUpdate::getIncidentId)
        .containsExactly("416ft5p3mr89", "xdzs70gjthls", "fpk08rxnqjz2");
    StatusUpdate latest = updates.get(2);
    assertThat(latest.getTitle())
        .isEqualTo("Incident with GitHub Actions, Codespaces, Issues, and Webhooks");
    assertThat(latest.getUpdateId())
        .isEqualTo("https://www.githubstatus.com/incidents/fpk08rxnqjz2@2022-03-16T19:46:00Z");
    assertThat(latest.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(latest.getBody()).isEqualTo("This incident has been resolved.");
    assertThat(latest.getUpdatedAt()).isEqualTo(Instant.parse("2022-03-16T19:46:00Z"));
    assertThat(latest.getFormat()).isEqualTo("rss");
    assertThat(latest.getSource()).isEqualTo("https://www.githubstatus.com/history.rss");
  }

  @Test
  void startsAStatuspageIncidentAtItsOldestUpdateInTheItemsSmallPrint() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("github", "feeds/github-history-2022-03-16.rss"));

    assertThat(updates)
        .extracting(StatusUpdate::getStartedAt)
        .containsExactly(
            Instant.parse("2022-03-04T15:30:00Z"),
            Instant.parse("2022-03-09T11:24:00Z"),
            Instant.parse("2022-03-16T14:09:00Z"));
  }

  @Test
  void readsAStatuspageIncidentAsMinorBecauseItsFeedStatesNoImpact() {
    assertThat(updatesOf(Fixtures.raw("github", "feeds/github-history-2022-03-16.rss")))
        .extracting(StatusUpdate::getImpact)
        .containsOnly(Impact.MINOR);
  }

  @Test
  void readsUpperCaseLabelsTwelveHourSmallPrintAndLinksWithoutScheme() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("openrouter", "feeds/openrouter-incidents-2026-08-28.rss"));

    StatusUpdate open = updates.get(0);
    assertThat(open.getIncidentId()).isEqualTo("n8d-Ze48m14W");
    assertThat(open.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(open.getBody()).isEqualTo("Looking into it.");
    assertThat(open.getStartedAt()).isEqualTo(Instant.parse("2026-08-28T02:15:00Z"));
    StatusUpdate resolved = updates.get(1);
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    // Its small print says 22:33, after the item's own 19:50: not a start to believe.
    assertThat(resolved.getStartedAt()).isEqualTo(Instant.parse("2026-08-28T19:50:46Z"));
  }

  @Test
  void readsAwsResolvedTitlesAndNamesTheIncidentByServiceRegionAndSubject() {
    List<StatusUpdate> updates = updatesOf(Fixtures.raw("aws", "feeds/aws-all-2021-12-27.rss"));

    assertThat(updates).extracting(StatusUpdate::getStatus).containsOnly(IncidentStatus.RESOLVED);
    assertThat(updates).extracting(StatusUpdate::getImpact).containsOnly(Impact.NONE);
    StatusUpdate directory = updates.get(0);
    assertThat(directory.getIncidentId())
        .isEqualTo(
            "directoryservice-us-east-1/Increased Error Rates with Directory Services AD Connector or Managed AD");
    assertThat(directory.getUpdateId())
        .isEqualTo(
            "http://status.aws.amazon.com/#directoryservice-us-east-1_1640224660@2021-12-23T01:57:40Z");
    // Wed, 22 Dec 2021 17:57:40 PST
    assertThat(directory.getUpdatedAt()).isEqualTo(Instant.parse("2021-12-23T01:57:40Z"));
    assertThat(directory.getComponents())
        .containsExactly(
            AffectedComponent.newBuilder()
                .setId("directoryservice-us-east-1")
                .setName("directoryservice-us-east-1")
                .setStatus(ComponentStatus.OPERATIONAL)
                .build());
    assertThat(updates.get(1).getIncidentId())
        .isEqualTo("internetconnectivity-ap-south-1/Internet connectivity");
  }

  @Test
  void readsAwsOpenEventsByTheirSeverityLabel() {
    List<StatusUpdate> updates = updatesOf(Fixtures.raw("aws", "feeds/aws-all-2026-04-16.rss"));

    StatusUpdate resolved = updates.get(0);
    assertThat(resolved.getIncidentId()).isEqualTo("s3-us-east-1/Recovery underway");
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    StatusUpdate impact = updates.get(1);
    assertThat(impact.getIncidentId())
        .isEqualTo("multipleservices-me-south-1/Increased Connectivity Issues and API Error Rates");
    assertThat(impact.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(impact.getImpact()).isEqualTo(Impact.MAJOR);
    assertThat(impact.getBody())
        .startsWith("We are providing an update on the ongoing service disruptions");
  }

  @Test
  void readsAzuresPostIncidentSummaryAsResolvedAndItsFreeTextAsUnknown() {
    List<StatusUpdate> updates =
        updatesOf(Fixtures.raw("azure", "feeds/azure-status-2018-11-12.rss"));

    StatusUpdate ongoing = updates.get(0);
    assertThat(ongoing.getTitle()).isEqualTo("Storage - West Europe");
    // "may experience difficulties" is prose: never guessed into an impact.
    assertThat(ongoing.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(ongoing.getImpact()).isEqualTo(Impact.NONE);
    assertThat(ongoing.getUpdatedAt()).isEqualTo(Instant.parse("2018-11-12T15:02:11Z"));
    StatusUpdate summary = updates.get(1);
    assertThat(summary.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(summary.getImpact()).isEqualTo(Impact.NONE);
    assertThat(summary.getIncidentId()).isEqualTo("VMSS-EastUS2-20181027");
  }

  @Test
  void readsSlackIncidentsAsUnknownAndItsMaintenanceAsMaintenance() {
    List<StatusUpdate> updates = updatesOf(Fixtures.raw("slack", "feeds/slack-status-shape.rss"));

    StatusUpdate maintenance = updates.get(0);
    assertThat(maintenance.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(maintenance.getImpact()).isEqualTo(Impact.MAINTENANCE);
    StatusUpdate incident = updates.get(1);
    assertThat(incident.getIncidentId())
        .isEqualTo("https://slack-status.com/2025-12/a8c230d2dfa1ac93");
    assertThat(incident.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    assertThat(incident.getImpact()).isEqualTo(Impact.NONE);
    assertThat(incident.getBody())
        .isEqualTo("From 7:12 AM to 4:50 PM PST some users encountered errors loading threads.");
    assertThat(incident.getUpdatedAt()).isEqualTo(Instant.parse("2025-12-18T16:44:51Z"));
  }

  @Test
  void readsAnEmptyChannelAsNoUpdates() {
    assertThat(
            updatesOf(
                raw("<rss version=\"2.0\"><channel><title>Azure Status</title></channel></rss>")))
        .isEmpty();
  }

  @Test
  void refusesAnAtomFeedNamingTheRootItFound() {
    assertThat(reasonFor(Fixtures.raw("github", "feeds/github-history-2025-10-21.atom")))
        .isEqualTo(
            "rss payload's root element is <{http://www.w3.org/2005/Atom}feed>, expected <rss> (RSS 2.0)");
  }

  @Test
  void refusesAFeedWithoutChannel() {
    assertThat(reasonFor(raw("<rss version=\"2.0\"></rss>")))
        .isEqualTo("rss payload has no <channel>");
  }

  @Test
  void refusesAnItemWithoutPubDate() {
    String payload =
        Fixtures.text("feeds/slack-status-shape.rss")
            .replace("<pubDate>Mon, 15 Dec 2025 10:00:00 -0800</pubDate>", "");

    assertThat(reasonFor(raw(payload)))
        .isEqualTo(
            "rss item #2 'https://slack-status.com/2025-12/5b0e1c0ffee0a1b2' has no 'pubDate' timestamp");
  }

  /**
   * A date that is none, and one before 1970 in UTC: found by fuzzing, an item of
   * 1970-01-01T00:00:00+14:00 became an update of 1969, which Kafka cannot timestamp.
   */
  @ParameterizedTest
  @ValueSource(strings = {"last Monday", "1970-01-01T00:00:00+14:00"})
  void refusesAnUnreadablePubDate(String pubDate) {
    String payload =
        Fixtures.text("feeds/slack-status-shape.rss")
            .replace("Mon, 15 Dec 2025 10:00:00 -0800", pubDate);

    assertThat(reasonFor(raw(payload)))
        .isEqualTo(
            "rss item #2 'https://slack-status.com/2025-12/5b0e1c0ffee0a1b2' "
                + "has an unreadable 'pubDate' timestamp '"
                + pubDate
                + "': expected RFC 822 (e.g. Wed, 16 Mar 2022 19:46:00 "
                + "+0000) or ISO-8601 with a UTC offset (e.g. 2025-10-21T17:39:34Z)");
  }

  /**
   * Small print has no year; read as the year before an entry of early January 1970, it would start
   * in 1969.
   */
  @Test
  void neverStartsAnIncidentBefore1970FromSmallPrintOfTheYearBefore() {
    String payload =
        "<rss version=\"2.0\"><channel><title>s</title><item><title>Outage</title>"
            + "<link>https://status.example.com/incidents/abc</link><pubDate>Thu, 01 Jan 1970 12:00:00 +0000</pubDate>"
            + "<description>&lt;small&gt;Dec 31, 23:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Investigating&lt;/strong&gt;"
            + " - Looking.</description></item></channel></rss>";

    StatusUpdate update = updatesOf(raw(payload)).get(0);

    assertThat(update.getStatus()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(update.getStartedAt()).isEqualTo(Instant.parse("1970-01-01T12:00:00Z"));
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
