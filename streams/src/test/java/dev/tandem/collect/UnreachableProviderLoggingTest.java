package dev.tandem.collect;

import static dev.tandem.collect.FixtureServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.tandem.raw.RawStatus;
import dev.tandem.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A page that stays unreachable while the collector runs is logged once when it becomes unreachable
 * (at its first failed fetch) and once when it answers again; the failures in between only at
 * DEBUG.
 */
class UnreachableProviderLoggingTest {

  /**
   * Fetch every second, back off no further than a second: the whole story in about four seconds.
   */
  private static final PollPolicy FAST =
      new PollPolicy(
          Duration.ofSeconds(5), Duration.ofSeconds(1), 0, 1, Duration.ofMinutes(1), 1024 * 1024);

  /** Always 0: each provider's first fetch comes at once. */
  private static final RandomGenerator NO_SPREAD = () -> 0L;

  private final List<RawStatus> published = new CopyOnWriteArrayList<>();

  @Test
  void logsOnceWhenAPageBecomesUnreachableAndOnceWhenItRecovers() throws Exception {
    try (FixtureServer server = new FixtureServer();
        LogCapture log = LogCapture.of(CollectorHealth.class)) {
      server.then(
          Reply.status(500, Map.of()),
          Reply.status(500, Map.of()),
          Reply.status(500, Map.of()),
          Reply.ok("statuspage/github-incidents-2024-09-16.json"),
          Reply.ok("statuspage/github-incidents-2024-09-16.json"));
      StatusPageSource github =
          new StatusPageSource(
              "github", server.url("/api/v2/incidents.json"), "statuspage", Duration.ofSeconds(1));
      try (Collector collector =
          new Collector(List.of(github), published::add, FAST, Clock.systemUTC(), NO_SPREAD, 1)) {
        collector.start();

        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> collector.health().of("github").fetches() >= 5);
      }

      assertThat(log.messages(Level.WARN))
          .containsExactly(
              "github status page unreachable (not an outage of github): HTTP 500;"
                  + " retrying with backoff, further failures logged at DEBUG until it answers again");
      assertThat(log.messages(Level.INFO))
          .singleElement()
          .asString()
          .matches(
              "github status page is reachable again after 3 failed fetches \\(unreachable for \\d+ s\\)");
      assertThat(log.messages(Level.DEBUG))
          .filteredOn(m -> m.startsWith("github fetch failed"))
          .hasSize(2);
      assertThat(published).hasSize(1);
    }
  }

  @Test
  void collectOnceLeavesTheReportToItsSummary() throws Exception {
    try (FixtureServer server = new FixtureServer();
        LogCapture log = LogCapture.of(CollectorHealth.class)) {
      server.then(Reply.status(503, Map.of()));
      StatusPageSource github =
          new StatusPageSource("github", server.url("/"), "statuspage", Duration.ofSeconds(1));
      try (Collector collector =
          new Collector(List.of(github), published::add, PollPolicy.DEFAULT, Clock.systemUTC())) {

        assertThat(collector.pollOnce())
            .extracting(StatusPoller.Poll::outcome)
            .containsExactly(StatusPoller.Outcome.FAILED);
        assertThat(collector.health().unreachable()).containsExactly("github");
      }

      assertThat(log.messages(Level.WARN)).isEmpty();
    }
  }

  @Test
  void aPageThatAnswersNotAsDeclaredIsReportedOnceAsMisconfiguredAndNothingIsPublished()
      throws Exception {
    byte[] html =
        "<!DOCTYPE html><html><body>Status moved to our new page</body></html>"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (FixtureServer server = new FixtureServer();
        LogCapture log = LogCapture.of(CollectorHealth.class)) {
      server.then(
          new Reply(200, Map.of("Content-Type", "text/html"), html, Duration.ZERO, false),
          new Reply(200, Map.of("Content-Type", "text/html"), html, Duration.ZERO, false),
          Reply.status(403, Map.of()),
          Reply.ok("statuspage/github-incidents-2024-09-16.json"));
      StatusPageSource fastly =
          new StatusPageSource(
              "fastly", server.url("/api/v2/incidents.json"), "statuspage", Duration.ofSeconds(1));
      try (Collector collector =
          new Collector(List.of(fastly), published::add, FAST, Clock.systemUTC(), NO_SPREAD, 1)) {
        collector.start();

        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> collector.health().of("fastly").published() == 1);
        assertThat(collector.health().misconfigured()).isEmpty();
        assertThat(collector.health().unreachable()).isEmpty();
      }

      assertThat(log.messages(Level.WARN))
          .containsExactly(
              "fastly status page is misconfigured (not an outage of fastly): HTML where"
                  + " statuspage was declared (a page for people, not a feed); nothing is published"
                  + " from it until it reads as declared; check the entry with tandem collect"
                  + " --check --only fastly");
      assertThat(log.messages(Level.INFO))
          .containsExactly("fastly status page reads as declared again");
      // Only the page read as declared reached Kafka: no HTML for the dead-letter topic.
      assertThat(published)
          .singleElement()
          .satisfies(r -> assertThat(r.provider()).isEqualTo("fastly"));
    }
  }
}
