package dev.tandem.collect;

import static dev.tandem.collect.FixtureServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.collect.StatusPoller.Outcome;
import dev.tandem.collect.StatusPoller.Poll;
import dev.tandem.raw.RawStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusPollerTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final String LAST_MODIFIED = "Mon, 02 Mar 2026 09:58:00 GMT";

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final List<RawStatus> published = new CopyOnWriteArrayList<>();
  private final PollPolicy policy =
      new PollPolicy(
          Duration.ofSeconds(5), Duration.ofSeconds(10), 0, 3, Duration.ofMinutes(5), 1024 * 1024);
  private FixtureServer server;
  private CollectorHealth health;

  @BeforeEach
  void startServer() throws Exception {
    server = new FixtureServer();
    health = new CollectorHealth(policy.unreachableAfter(), clock);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void publishesTheFirstFetchWithProviderFormatAndSource() {
    server.then(Reply.ok("statuspage/github-incidents-2024-09-16.json"));
    StatusPoller poller = poller(policy);

    Poll poll = poller.poll();

    assertThat(poll).isEqualTo(new Poll(Outcome.PUBLISHED, Duration.ofSeconds(1)));
    assertThat(published)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.provider()).isEqualTo("github");
              assertThat(record.format()).isEqualTo("statuspage");
              assertThat(record.source())
                  .isEqualTo(server.url("/api/v2/incidents.json").toString());
              assertThat(record.receivedAt()).isEqualTo(NOW);
              assertThat(record.payload())
                  .isEqualTo(FixtureServer.fixture("statuspage/github-incidents-2024-09-16.json"));
            });
    assertThat(health.of("github").published()).isEqualTo(1);
  }

  @Test
  void sendsItsValidatorsAndPublishesNothingOnNotModified() {
    server.then(
        Reply.ok(
            "statuspage/github-incidents-2024-09-16.json",
            Map.of("ETag", "W/\"abc123\"", "Last-Modified", LAST_MODIFIED)),
        Reply.status(304, Map.of()));
    StatusPoller poller = poller(policy);

    poller.poll();
    Poll second = poller.poll();

    assertThat(second.outcome()).isEqualTo(Outcome.NOT_MODIFIED);
    assertThat(published).hasSize(1);
    assertThat(server.requests().get(0).getFirst("If-None-Match")).isNull();
    assertThat(server.requests().get(1).getFirst("If-None-Match")).isEqualTo("W/\"abc123\"");
    assertThat(server.requests().get(1).getFirst("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    assertThat(health.of("github").notModified()).isEqualTo(1);
  }

  @Test
  void publishesOnlyWhenTheDocumentChanged() {
    server.then(
        Reply.ok("statuspage/github-incidents-2024-09-16.json"),
        Reply.ok("statuspage/github-incidents-2024-09-16.json"),
        Reply.ok("statuspage/discord-incidents-2022-02-15.json"));
    StatusPoller poller = poller(policy);

    List<Outcome> outcomes =
        List.of(poller.poll().outcome(), poller.poll().outcome(), poller.poll().outcome());

    assertThat(outcomes).containsExactly(Outcome.PUBLISHED, Outcome.UNCHANGED, Outcome.PUBLISHED);
    assertThat(published).hasSize(2);
    assertThat(published.get(1).payload())
        .isEqualTo(FixtureServer.fixture("statuspage/discord-incidents-2022-02-15.json"));
  }

  @Test
  void backsOffExponentiallyUpToTheCapAndMarksThePageUnreachable() {
    for (int i = 0; i < 5; i++) {
      server.then(Reply.status(500, Map.of()));
    }
    server.then(Reply.ok("statuspage/github-incidents-2024-09-16.json"));
    StatusPoller poller = poller(policy);

    List<Duration> delays = new java.util.ArrayList<>();
    List<Boolean> unreachable = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      delays.add(poller.poll().nextDelay());
      unreachable.add(health.of("github").unreachable());
    }

    assertThat(delays)
        .containsExactly(
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
    assertThat(unreachable).containsExactly(false, false, true, true, true);
    assertThat(health.of("github").lastError()).isEqualTo("HTTP 500");
    assertThat(health.unreachable()).containsExactly("github");
    assertThat(published)
        .as("an unreachable page is not an outage: nothing is published")
        .isEmpty();

    Poll recovered = poller.poll();

    assertThat(recovered).isEqualTo(new Poll(Outcome.PUBLISHED, Duration.ofSeconds(1)));
    ProviderHealth after = health.of("github");
    assertThat(after.unreachable()).isFalse();
    assertThat(after.consecutiveFailures()).isZero();
    assertThat(after.failures()).isEqualTo(5);
    assertThat(after.lastSuccess()).isEqualTo(NOW);
  }

  @Test
  void computesBackoffAsTheIntervalDoubledPerFailureAndCapped() {
    PollPolicy capped = PollPolicy.DEFAULT;
    Duration minute = Duration.ofMinutes(1);

    assertThat(capped.backoff(minute, 0)).isEqualTo(minute);
    assertThat(capped.backoff(minute, 1)).isEqualTo(Duration.ofMinutes(2));
    assertThat(capped.backoff(minute, 4)).isEqualTo(Duration.ofMinutes(16));
    assertThat(capped.backoff(minute, 5)).isEqualTo(Duration.ofMinutes(30));
    assertThat(capped.backoff(minute, 1000)).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void waitsAtLeastAsLongAsRetryAfterSaysInSecondsOrAsADate() {
    String inFiveMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(NOW.plusSeconds(300), ZoneOffset.UTC));
    server.then(
        Reply.status(429, Map.of("Retry-After", "120")),
        Reply.status(503, Map.of("Retry-After", inFiveMinutes)),
        Reply.status(503, Map.of("Retry-After", "86400")));
    StatusPoller poller = poller(policy);

    assertThat(poller.poll()).isEqualTo(new Poll(Outcome.FAILED, Duration.ofSeconds(120)));
    assertThat(poller.poll()).isEqualTo(new Poll(Outcome.FAILED, Duration.ofSeconds(300)));
    assertThat(poller.poll().nextDelay())
        .as("capped by maxRetryAfter")
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void countsAPageThatNeverAnswersAsAFailureAfterTheRequestTimeout() {
    server.then(Reply.hanging());
    StatusPoller poller = poller(policy.withRequestTimeout(Duration.ofMillis(300)));

    Poll poll = poller.poll();

    assertThat(poll.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(health.of("github").lastError()).isEqualTo("no answer within 300 ms");
    assertThat(health.of("github").consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void waitsForASlowPageWithinTheTimeout() {
    server.then(
        Reply.ok("statuspage/github-incidents-2024-09-16.json").after(Duration.ofMillis(400)));

    assertThat(poller(policy).poll().outcome()).isEqualTo(Outcome.PUBLISHED);
  }

  @Test
  void countsAnUnreachableHostAsAFailureNotAnOutage() throws Exception {
    java.net.URI closedPort;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }
    StatusPoller poller =
        poller(
            new StatusPageSource("github", closedPort, "statuspage", Duration.ofSeconds(1)),
            policy);

    assertThat(poller.poll().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(health.of("github").lastError()).contains("ConnectException");
    assertThat(published).isEmpty();
  }

  @Test
  void identifiesItselfWithAUserAgent() {
    server.then(Reply.ok("statuspage/github-incidents-2024-09-16.json"));

    poller(policy).poll();

    assertThat(server.requests().get(0).getFirst("User-Agent"))
        .matches("Tandem/\\S+ \\(status page collector\\)");
  }

  @Test
  void spreadsDelaysByTheJitterFraction() {
    for (int i = 0; i < 20; i++) {
      server.then(Reply.status(304, Map.of()));
    }
    StatusPoller poller =
        poller(
            new StatusPageSource("github", server.url("/"), "statuspage", Duration.ofSeconds(10)),
            policy.withJitter(0.1));

    List<Duration> delays = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      delays.add(poller.poll().nextDelay());
    }

    assertThat(delays)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11)));
    assertThat(delays.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void keepsItsValidatorsWhenKafkaRefusesSoTheNextFetchPublishesAgain() {
    server.then(
        Reply.ok("statuspage/github-incidents-2024-09-16.json"),
        Reply.ok("statuspage/github-incidents-2024-09-16.json"));
    boolean[] kafkaDown = {true};
    StatusPoller poller =
        new StatusPoller(
            source(),
            HttpClient.newHttpClient(),
            record -> {
              if (kafkaDown[0]) {
                throw new org.apache.kafka.common.KafkaException("broker unavailable");
              }
              published.add(record);
            },
            health,
            policy,
            clock,
            new Random(1),
            Collector.USER_AGENT);

    assertThat(poller.poll().outcome()).isEqualTo(Outcome.FAILED);
    kafkaDown[0] = false;
    assertThat(poller.poll().outcome()).isEqualTo(Outcome.PUBLISHED);
    assertThat(health.of("github").unreachable()).isFalse();
  }

  private StatusPageSource source() {
    return new StatusPageSource(
        "github", server.url("/api/v2/incidents.json"), "statuspage", Duration.ofSeconds(1));
  }

  private StatusPoller poller(PollPolicy pollPolicy) {
    return poller(source(), pollPolicy);
  }

  private StatusPoller poller(StatusPageSource source, PollPolicy pollPolicy) {
    return new StatusPoller(
        source,
        HttpClient.newHttpClient(),
        published::add,
        health,
        pollPolicy,
        clock,
        new Random(42),
        Collector.USER_AGENT);
  }
}
