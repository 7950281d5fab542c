package dev.tandem.collect;

import static dev.tandem.collect.FixtureServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.raw.RawStatus;
import dev.tandem.testing.CommandLineRun;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TopicRecords;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaStack.class)
class CollectorTest {

  @Test
  void collectOncePublishesEachPageKeyedByProviderWithTheRawHeaders(@TempDir Path dir)
      throws Exception {
    String topic = "collect-once";
    TopicRecords.create(topic);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (FixtureServer server = new FixtureServer()) {
      server.then(
          Reply.ok("statuspage/github-incidents-2024-09-16.json", Map.of("ETag", "\"g1\"")));
      Path providers = dir.resolve("providers.yaml");
      Files.writeString(
          providers,
          """
          providers:
            - id: github
              url: %s
              format: statuspage
            - id: fastly
              url: http://127.0.0.1:%d/api/v2/incidents.json
              format: statuspage
          """
              .formatted(server.url("/api/v2/incidents.json"), closedPort));
      CommandLineRun cli = new CommandLineRun();
      Instant before = Instant.now();

      int code =
          cli.execute(
              "collect",
              "--once",
              "--bootstrap-servers",
              KafkaStack.bootstrapServers(),
              "--topic",
              topic,
              "--providers",
              providers.toString(),
              "--request-timeout",
              "5");

      assertThat(code).as(cli.err.toString()).isZero();
      assertThat(cli.err.toString())
          .contains("fetched 2 providers: 1 published to " + topic + ", 1 failed")
          .contains("fastly: ConnectException");
      List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(topic, 1);
      assertThat(records)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.key()).isEqualTo("github");
                assertThat(record.value())
                    .isEqualTo(
                        FixtureServer.fixture("statuspage/github-incidents-2024-09-16.json"));
                assertThat(TopicRecords.header(record, RawStatus.FORMAT_HEADER))
                    .isEqualTo("statuspage");
                assertThat(TopicRecords.header(record, RawStatus.SOURCE_HEADER))
                    .isEqualTo(server.url("/api/v2/incidents.json").toString());
                assertThat(Instant.parse(TopicRecords.header(record, RawStatus.RECEIVED_AT_HEADER)))
                    .isAfterOrEqualTo(before.minusSeconds(1));
              });
    }
  }

  @Test
  void rejectsABrokenProvidersFileWithOneLineNamingTheEntry(@TempDir Path dir) throws Exception {
    Path providers = dir.resolve("providers.yaml");
    Files.writeString(
        providers, "providers:\n  - {id: github, url: \"ftp://x.example/\", format: statuspage}\n");
    CommandLineRun cli = new CommandLineRun();

    int code =
        cli.execute(
            "collect",
            "--once",
            "--bootstrap-servers",
            KafkaStack.bootstrapServers(),
            "--providers",
            providers.toString());

    assertThat(code).isNotZero();
    assertThat(cli.err.toString())
        .contains(providers + " provider #1 (github): url must be an http(s) URL");
  }

  @Test
  void keepsPollingEachProviderOnItsOwnSchedule() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    try (FixtureServer server = new FixtureServer()) {
      server.then(
          Reply.ok("statuspage/github-incidents-2024-09-16.json"),
          Reply.ok("statuspage/github-incidents-2024-09-16.json"),
          Reply.ok("statuspage/discord-incidents-2022-02-15.json"));
      StatusPageSource github =
          new StatusPageSource("github", server.url("/"), "statuspage", Duration.ofSeconds(1));
      try (Collector collector =
          new Collector(
              List.of(github),
              published::add,
              PollPolicy.DEFAULT.withJitter(0),
              Clock.systemUTC())) {
        collector.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 2);
        assertThat(collector.health().of("github").unchanged()).isEqualTo(1);
      }
    }
  }
}
