package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.collect.FixtureServer.Reply;
import dev.tandem.testing.CommandLineRun;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem collect --check} against pages as they go wrong: moved, answering another format,
 * HTML where JSON was declared, refusing with 403, not answering at all; and a page that is right.
 */
class PageCheckTest {

  private static final String STATUSPAGE = "statuspage/github-incidents-2024-09-16.json";
  private static final String RSS = "feeds/aws-all-2021-12-27.rss";
  private static final String STATUSCAST = "feeds/fastly-statuscast.rss";

  private final PageCheck check = new PageCheck(Duration.ofSeconds(5), Clock.systemUTC());

  @Test
  void aRightPagePassesWithItsIncidentsCounted() throws Exception {
    try (FixtureServer page = new FixtureServer()) {
      page.then(Reply.ok(STATUSPAGE));

      PageCheck.Result r = check.check(source(page, "github", "statuspage"));

      assertThat(r.ok()).as(String.valueOf(r.problem())).isTrue();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.detected()).isEqualTo("statuspage");
      assertThat(r.incidents()).isPositive();
      assertThat(r.finalUrl()).isEqualTo(page.url("/api/v2/incidents.json"));
    }
  }

  /**
   * Fastly's StatusCast feed: accepted as the rss it is declared, its twelve posts counted as the
   * six incidents they belong to; declared as Statuspage JSON, it is named as rss.
   */
  @Test
  void aStatusCastFeedPassesAsRssCountingIncidentsNotPosts() throws Exception {
    try (FixtureServer page = new FixtureServer()) {
      page.then(Reply.ok(STATUSCAST), Reply.ok(STATUSCAST));

      PageCheck.Result rss = check.check(source(page, "fastly", "rss"));
      assertThat(rss.ok()).as(String.valueOf(rss.problem())).isTrue();
      assertThat(rss.detected()).isEqualTo("rss");
      assertThat(rss.incidents()).isEqualTo(6);

      PageCheck.Result statuspage = check.check(source(page, "fastly", "statuspage"));
      assertThat(statuspage.detected()).isEqualTo("rss");
      assertThat(statuspage.problem()).isEqualTo("declared statuspage, the page serves rss");
    }
  }

  @Test
  void eachWayAPageGoesWrongIsNamedWithItsFix() throws Exception {
    try (FixtureServer page = new FixtureServer()) {
      page.then(
          new Reply(
              301,
              Map.of("Location", page.url("/moved/incidents.json").toString()),
              new byte[0],
              Duration.ZERO,
              false),
          Reply.ok(STATUSPAGE));
      PageCheck.Result moved = check.check(source(page, "anthropic", "statuspage"));
      assertThat(moved.problem())
          .isEqualTo("moved: declare " + page.url("/moved/incidents.json") + " instead");
      assertThat(moved.incidents()).as("it still reads").isPositive();

      page.then(Reply.ok(RSS));
      PageCheck.Result feed = check.check(source(page, "aws", "statuspage"));
      assertThat(feed.detected()).isEqualTo("rss");
      assertThat(feed.problem()).isEqualTo("declared statuspage, the page serves rss");

      page.then(
          new Reply(
              200,
              Map.of("Content-Type", "text/html"),
              "<!DOCTYPE html><html><body>All systems operational</body></html>"
                  .getBytes(StandardCharsets.UTF_8),
              Duration.ZERO,
              false));
      PageCheck.Result html = check.check(source(page, "signal", "statuspage"));
      assertThat(html.detected()).isEqualTo("html");
      assertThat(html.problem())
          .isEqualTo("HTML where statuspage was declared (a page for people, not a feed)");

      page.then(Reply.status(403, Map.of()));
      PageCheck.Result refused = check.check(source(page, "fastly", "statuspage"));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.problem()).isEqualTo("HTTP 403 (refused: moved, or blocks Tandem)");
    }
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    PageCheck.Result silent =
        check.check(
            new StatusPageSource(
                "gone",
                java.net.URI.create("http://127.0.0.1:" + closed + "/api/v2/incidents.json"),
                "statuspage",
                Duration.ofMinutes(1)));
    assertThat(silent.status()).isEqualTo(-1);
    assertThat(silent.problem()).startsWith("no answer: ConnectException");
  }

  @Test
  void theCommandPrintsATableOfTheSelectedProvidersAndFailsWhenOneDoes(@TempDir Path dir)
      throws Exception {
    try (FixtureServer page = new FixtureServer()) {
      // The pages are fetched at once: each path has its own reply.
      page.on("/api/v2/incidents.json", Reply.ok(STATUSPAGE))
          .on("/fastly.json", Reply.status(403, Map.of()));
      Path providers =
          Files.writeString(
              dir.resolve("providers.yaml"),
              String.join(
                  "\n",
                  "providers:",
                  "  - id: github",
                  "    url: " + page.url("/api/v2/incidents.json"),
                  "    format: statuspage",
                  "  - id: skipped",
                  "    url: " + page.url("/skipped.json"),
                  "    format: statuspage",
                  "  - id: fastly",
                  "    url: " + page.url("/fastly.json"),
                  "    format: statuspage",
                  ""));
      CommandLineRun collect = new CommandLineRun();

      int exit =
          collect.execute(
              "collect", "--check", "--providers", providers.toString(), "--only", "github,fastly");

      assertThat(exit).as(collect.err.toString()).isEqualTo(1);
      List<String> lines = collect.out.toString().lines().toList();
      assertThat(lines).hasSize(4);
      assertThat(lines.get(0)).startsWith("provider").contains("detected", "incidents");
      assertThat(lines.get(1))
          .startsWith("github")
          .contains(" 200 ", page.url("/api/v2/incidents.json").toString());
      assertThat(lines.get(2)).startsWith("fastly").contains(" 403 ", "FAIL HTTP 403");
      assertThat(lines.get(3)).isEqualTo("1 of 2 pages pass");

      CommandLineRun typo = new CommandLineRun();
      assertThat(
              typo.execute(
                  "collect", "--check", "--providers", providers.toString(), "--only", "githbu"))
          .isEqualTo(1);
      assertThat(typo.err.toString().strip())
          .isEqualTo("tandem: --only names providers the file does not have: githbu");
    }
  }

  @Test
  void checkingManyPagesAtOnceStillReportsThemInTheFilesOrder() throws Exception {
    try (FixtureServer page = new FixtureServer()) {
      List<StatusPageSource> sources = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String path = "/page-" + i + ".json";
        // The first pages answer last.
        page.on(path, Reply.ok(STATUSPAGE).after(Duration.ofMillis(i < 3 ? 300 - 100 * i : 0)));
        sources.add(
            new StatusPageSource("p" + i, page.url(path), "statuspage", Duration.ofMinutes(1)));
      }
      List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();

      check.checkAll(sources, r -> reported.add(r.provider() + (r.ok() ? "" : " " + r.problem())));

      assertThat(reported)
          .containsExactlyElementsOf(sources.stream().map(StatusPageSource::id).toList());
    }
  }

  @Test
  void aStatuspagePageIdAddressAnsweredFromTheVendorsDomainHasNotMoved() {
    java.net.URI declared =
        java.net.URI.create("https://kctbh9vrtdwd.statuspage.io/api/v2/incidents.json");

    assertThat(
            PageCheck.isPageIdAlias(
                declared,
                java.net.URI.create("https://www.githubstatus.com/api/v2/incidents.json")))
        .isTrue();
    assertThat(
            PageCheck.isPageIdAlias(declared, java.net.URI.create("https://www.githubstatus.com/")))
        .as("another path: the API is gone")
        .isFalse();
    assertThat(
            PageCheck.isPageIdAlias(
                java.net.URI.create("https://status.example.com/api/v2/incidents.json"),
                java.net.URI.create("https://www.example-status.com/api/v2/incidents.json")))
        .as("a vendor's domain that redirects has moved")
        .isFalse();
  }

  private static StatusPageSource source(FixtureServer page, String id, String format) {
    return new StatusPageSource(
        id, page.url("/api/v2/incidents.json"), format, Duration.ofMinutes(1));
  }
}
