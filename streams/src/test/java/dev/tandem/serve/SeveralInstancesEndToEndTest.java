package dev.tandem.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.pipeline.PipelineReplay;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.KafkaStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one pipeline, each with its own API advertised as {@code application.server}:
 * either answers every query the same (forwarding to the one that holds the data), and when one
 * stops, the other answers the same again once it has taken the work over.
 */
@ExtendWith(KafkaStack.class)
class SeveralInstancesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Duration TAKEOVER = Duration.ofMinutes(2);

  /** Every kind of query: lists on the correlate task, keyed lookups on the track tasks. */
  private static final List<String> QUERIES =
      List.of(
          "/api/outages?state=all",
          "/api/providers",
          "/api/providers/fastly/incidents",
          "/api/providers/reddit/incidents",
          "/api/providers/github/incidents",
          "/api/incidents/fastly/fastly-2021-06-08",
          "/api/explain?provider=github&at=2021-06-08T10:10:00Z",
          "/api/timeline?from=2021-06-08T09:00:00Z&to=2021-06-08T14:00:00Z");

  @Test
  void eitherInstanceAnswersEverythingAndTheSurvivorGoesOnAnswering(
      @TempDir Path stateA, @TempDir Path stateB) throws Exception {
    try (HttpLayer httpA = new HttpLayer("127.0.0.1", 0, "test-http-a");
        HttpLayer httpB = new HttpLayer("127.0.0.1", 0, "test-http-b")) {
      TandemConfig configA = advertised(stateA, httpA.port());
      TandemConfig configB = advertised(stateB, httpB.port());
      TandemApp a = start(configA, httpA);
      boolean aClosed = false;
      try (TandemApp b = start(configB, httpB)) {
        Scenario fastly =
            Scenario.bundled().stream()
                .filter(s -> s.name().equals("fastly-2021-06-08"))
                .findFirst()
                .orElseThrow();
        PipelineReplay.replay(configA, a, Scenario.records(List.of(fastly)));

        Map<String, JsonNode> fromA = awaitAnswers(httpA, a, b);
        Map<String, JsonNode> fromB = awaitAnswers(httpB, a, b);
        assertThat(fromB).isEqualTo(fromA);
        // The correlate stores are on one of the two: the other answered by forwarding.
        assertThat(
                a.streams()
                    .queryMetadataForKey(
                        dev.tandem.alert.CorrelateProcessor.OUTAGES_STORE,
                        "",
                        new org.apache.kafka.common.serialization.StringSerializer())
                    .activeHost())
            .isIn(configA.advertisedServer(), configB.advertisedServer());
        assertThat(fromA.get("/api/outages?state=all").get("outages")).hasSize(1);
        String id = fromA.get("/api/outages?state=all").get("outages").get(0).get("id").asText();
        assertThat(get(httpB, "/api/outages/" + id).body())
            .isEqualTo(get(httpA, "/api/outages/" + id).body());

        a.close();
        aClosed = true;

        Map<String, JsonNode> afterwards = awaitAnswers(httpB, b);
        assertThat(afterwards).isEqualTo(fromA);
      } finally {
        if (!aClosed) {
          a.close();
        }
      }
    }
  }

  /**
   * Every query's answer, once all instances are RUNNING and every query answers 200 (during a
   * rebalance an instance may say 503).
   */
  private static Map<String, JsonNode> awaitAnswers(HttpLayer http, TandemApp... running) {
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    await()
        .atMost(TAKEOVER)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (TandemApp app : running) {
                if (app.streams().state() != KafkaStreams.State.RUNNING) {
                  return false;
                }
              }
              answers.clear();
              for (String query : QUERIES) {
                HttpResponse<String> response = get(http, query);
                if (response.statusCode() != 200) {
                  return false;
                }
                answers.put(query, JSON.readTree(response.body()));
              }
              return true;
            });
    return answers;
  }

  private static TandemApp start(TandemConfig config, HttpLayer http) throws IOException {
    return TandemApp.start(
        config,
        Duration.ofMinutes(1),
        () -> false,
        streams -> {
          try {
            PipelineServer.routeOn(http, streams, config).start();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The shared pipeline settings, this instance's state directory and advertised API. */
  private static TandemConfig advertised(Path stateDir, int port) throws IOException {
    Map<String, String> settings =
        new LinkedHashMap<>(KafkaStack.pipelineConfig("multi", stateDir).values());
    settings.put("application.server", "127.0.0.1:" + port);
    return TandemConfig.load(null, Map.of(), settings);
  }

  private static HttpResponse<String> get(HttpLayer http, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
