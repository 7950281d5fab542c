package dev.tandem.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.pipeline.PipelineReplay;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.RawRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API of a running pipeline (real broker, registry, stores) after the Fastly scenario:
 * every endpoint answers from the stores with what the pipeline concluded, and bad requests get a
 * JSON error with the right status.
 */
@ExtendWith(KafkaStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path stateDir;

  private static TandemApp app;
  private static HttpLayer http;
  private static String rawTopic;

  @BeforeAll
  static void replayFastly() throws Exception {
    TandemConfig config = KafkaStack.pipelineConfig("api", stateDir);
    app = TandemApp.start(config, Duration.ofMinutes(1));
    http = new HttpLayer("127.0.0.1", 0, "test-http");
    PipelineServer.routeOn(http, app.streams(), config).start();
    rawTopic = config.topics().raw();
    Scenario fastly =
        Scenario.bundled().stream()
            .filter(s -> s.name().equals("fastly-2021-06-08"))
            .findFirst()
            .orElseThrow();
    PipelineReplay.replay(config, app, Scenario.records(List.of(fastly)));
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    // The layer closes the stream and the metrics its routes hold.
    if (app != null) {
      app.close();
    }
  }

  @Test
  void listsTheOutageWithItsProvidersAndCause() throws Exception {
    JsonNode answer = ok("/api/outages?state=all");

    assertThat(answer.get("outages")).hasSize(1);
    JsonNode outage = answer.get("outages").get(0);
    assertThat(strings(outage.get("providers")))
        .containsExactly("amazon", "fastly", "github", "govuk", "reddit");
    assertThat(outage.get("suspectedCause").get("provider").asText()).isEqualTo("fastly");
    assertThat(outage.get("state").asText()).isEqualTo("RESOLVED");

    assertThat(ok("/api/outages?state=open").get("outages")).isEmpty();
    assertThat(ok("/api/outages?state=resolved&since=2021-06-08T00:00:00Z").get("outages"))
        .hasSize(1);
    assertThat(ok("/api/outages?since=2021-06-09T00:00:00Z").get("outages")).isEmpty();
  }

  @Test
  void anOutageHasEveryPublishedVersionInOrder() throws Exception {
    String id = ok("/api/outages").get("outages").get(0).get("id").asText();

    JsonNode answer = ok("/api/outages/" + id);

    assertThat(answer.get("current").get("state").asText()).isEqualTo("RESOLVED");
    List<Integer> versions = new ArrayList<>();
    answer.get("history").forEach(v -> versions.add(v.get("version").asInt()));
    assertThat(versions).isNotEmpty().isSorted().doesNotHaveDuplicates();
    assertThat(versions.get(0)).isEqualTo(1);
    assertThat(answer.get("history").get(0).get("state").asText()).isEqualTo("OPEN");
    assertThat(versions.get(versions.size() - 1))
        .isEqualTo(answer.get("current").get("version").asInt());
  }

  @Test
  void providersHaveTheirConditionAndRate() throws Exception {
    JsonNode answer = ok("/api/providers");

    List<String> names = new ArrayList<>();
    answer.get("providers").forEach(p -> names.add(p.get("provider").asText()));
    assertThat(names).contains("fastly", "github", "reddit");
    JsonNode fastly = provider(answer, "fastly");
    assertThat(fastly.get("condition").asText()).isEqualTo("operational");
    assertThat(fastly.get("since").asText()).startsWith("2021-06-08T");
    assertThat(fastly.get("openIncidents")).isEmpty();
    assertThat(fastly.get("incidentsPerDay").asDouble()).isPositive();
  }

  @Test
  void aProvidersIncidentsAndOneIncidentsLifecycle() throws Exception {
    JsonNode incidents = ok("/api/providers/fastly/incidents");
    assertThat(incidents.get("count").asInt()).isPositive();
    JsonNode first = incidents.get("incidents").get(0);
    String incidentId = first.get("incidentId").asText();

    JsonNode incident = ok("/api/incidents/fastly/" + incidentId);

    assertThat(incident.get("provider").asText()).isEqualTo("fastly");
    assertThat(incident.get("status").asText()).isEqualTo("RESOLVED");
    assertThat(incident.get("phases").get("toResolve").asText()).startsWith("PT");
    assertThat(incident.get("updates").size()).isEqualTo(incident.get("updateCount").asInt());
  }

  @Test
  void theTimelineHasTheOutageAndItsProvidersRowsCauseFirst() throws Exception {
    JsonNode answer = ok("/api/timeline?from=2021-06-08T09:00:00Z&to=2021-06-08T14:00:00Z");

    assertThat(answer.get("outages")).hasSize(1);
    List<String> rows = new ArrayList<>();
    answer.get("rows").forEach(r -> rows.add(r.get("provider").asText()));
    assertThat(rows).startsWith("fastly").contains("amazon", "github", "govuk", "reddit");
    JsonNode fastly = answer.get("rows").get(0);
    assertThat(fastly.get("why").asText()).isEqualTo("outage");
    assertThat(fastly.get("incidents")).isNotEmpty();
    assertThat(fastly.get("incidents").get(0).get("startedAt").asText()).startsWith("2021-06-08T");
    assertThat(answer.get("hiddenRows").asInt()).isZero();

    JsonNode cut = ok("/api/timeline?from=2021-06-08T09:00:00Z&to=2021-06-08T14:00:00Z&rows=2");
    assertThat(cut.get("rows")).hasSize(2);
    assertThat(cut.get("hiddenRows").asInt()).isEqualTo(rows.size() - 2);

    JsonNode before = ok("/api/timeline?from=2021-06-01T00:00:00Z&to=2021-06-02T00:00:00Z");
    assertThat(before.get("outages")).isEmpty();
    assertThat(before.get("rows")).isEmpty();
    // Without a window: the six hours before the newest update held.
    assertThat(ok("/api/timeline").get("to").asText()).startsWith("2021-06-08T");
  }

  @Test
  void publishedOutagesAreAsOnTheTopic() throws Exception {
    JsonNode answer = ok("/api/published?state=resolved");

    assertThat(answer.get("outages")).hasSize(1);
    JsonNode outage = answer.get("outages").get(0);
    assertThat(outage.get("id").asText())
        .isEqualTo(ok("/api/outages").get("outages").get(0).get("id").asText());
    assertThat(outage.get("state").asText()).isEqualTo("RESOLVED");
    assertThat(outage.get("explanation")).isNotEmpty();
    assertThat(ok("/api/published?state=open").get("outages")).isEmpty();
    assertError(get("/api/published?limit=5000"), 400, "limit");
  }

  @Test
  void theDashboardIsServedFromTheJar() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(page.body()).contains("/dashboard.js").doesNotContain("https://");
    assertThat(get("/dashboard.js").headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("/dashboard.css").body()).contains(".band");

    assertError(get("/favicon.ico"), 404, "no such path");
    assertError(get("/../pom.xml"), 404, "no such path");
    HttpResponse<String> post =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(post, 405, "GET");
  }

  @Test
  void explainsAProviderAtAMoment() throws Exception {
    JsonNode answer = ok("/api/explain?provider=github&at=2021-06-08T10:10:00Z");

    assertThat(answer.get("lines").get(0).asText()).startsWith("github's episode started at");
  }

  @Test
  void badRequestsGetAJsonErrorWithTheRightStatus() throws Exception {
    assertError(get("/api/outages?limit=0"), 400, "limit");
    assertError(get("/api/outages?state=burning"), 400, "state");
    assertError(get("/api/outages?since=yesterday"), 400, "since");
    assertError(get("/api/explain?provider=github"), 400, "explain needs");
    assertError(get("/api/timeline?rows=0"), 400, "rows");
    assertError(get("/api/timeline?from=later"), 400, "from");
    assertError(
        get("/api/timeline?from=2021-06-08T10:00:00Z&to=2021-06-08T09:00:00Z"), 400, "before");
    assertError(get("/api/outages/no-such-outage"), 404, "no-such-outage");
    assertError(get("/api/incidents/fastly/no-such-incident"), 404, "no-such-incident");
    assertError(get("/api/providers/nobody/incidents"), 404, "nobody");
    assertError(get("/api/nothing-here"), 404, "no such path");
    HttpResponse<String> post =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/api/outages"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(post, 405, "GET");
  }

  /** Last: it adds an outage, which the other tests' answers do not hold. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aNewOutageArrivesOnTheEventStream() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Void>> open =
        CLIENT.sendAsync(
            HttpRequest.newBuilder(uri("/api/stream")).GET().build(),
            HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
    assertThat(lines.poll(30, TimeUnit.SECONDS)).as("the stream's first line").startsWith(":");

    // fastly fails a month after the scenario, github and reddit (it is their declared upstream)
    // minutes later: a new outage, published after the stream opened.
    Instant at = Instant.parse("2021-07-08T09:00:00Z");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", KafkaStack.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(investigating("fastly", "later", at)).get();
      producer.send(investigating("github", "later", at.plusSeconds(300))).get();
      producer.send(investigating("reddit", "later", at.plusSeconds(420))).get();
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode opened = null;
    while (opened == null && System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith("data: ")) {
        JsonNode event = JSON.readTree(line.substring("data: ".length()));
        if (event.get("state").asText().equals("OPEN")
            && event.get("firstOnset").asText().startsWith("2021-07-08")) {
          opened = event;
        }
      }
    }
    assertThat(opened).as("an OPEN event for the new outage").isNotNull();
    assertThat(strings(opened.get("providers"))).contains("fastly", "github");
    open.cancel(true);
  }

  /** Collects the lines of an event stream as they arrive. */
  private record LineCollector(BlockingQueue<String> lines)
      implements java.util.concurrent.Flow.Subscriber<String> {
    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  private static ProducerRecord<String, byte[]> investigating(
      String provider, String incidentId, Instant at) {
    return RawRecords.investigating(rawTopic, provider, incidentId, "Elevated errors", at);
  }

  @Test
  void healthChecksSayLiveAndReady() throws Exception {
    assertThat(ok("/health/live").get("status").asText()).isEqualTo("UP");
    assertThat(ok("/health/ready").get("status").asText()).isEqualTo("READY");
  }

  @Test
  void metricsAreServedForPrometheus() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
    assertThat(response.body())
        .contains("tandem_pipeline_running 1.0")
        .contains("jvm_memory_used_bytes")
        // Kafka Streams' own, with the sensor the correlate stage adds.
        .contains("kafka_stream_thread_process_total")
        .contains("too_late_incidents")
        // Tandem's own.
        .containsPattern(
            "tandem_updates_normalized_total\\{format=\"statuspage\",provider=\"fastly\"} [1-9]")
        // The Fastly outage opened and resolved: a state change, no change of any count.
        .containsPattern("(?m)^tandem_outages_open 0\\.0$")
        .containsPattern("(?m)^tandem_incidents_open 0\\.0$")
        .containsPattern("tandem_incidents_held [1-9]")
        .containsPattern("tandem_correlate_event_lag_seconds_count [1-9]");
  }

  private static JsonNode provider(JsonNode answer, String name) {
    for (JsonNode p : answer.get("providers")) {
      if (p.get("provider").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no provider " + name + " in " + answer);
  }

  private static void assertError(HttpResponse<String> response, int status, String mentions)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains(mentions);
  }

  /**
   * Every metric the Grafana dashboard in docker/ queries is one this pipeline exports, under that
   * name: a renamed meter would leave a panel silently empty. Counters made on their first event (a
   * dead letter, a notification) are named in the meters' own code instead.
   */
  @Test
  void theGrafanaDashboardQueriesOnlyMetricsThePipelineExports() throws Exception {
    JsonNode dashboard =
        JSON.readTree(
            Path.of("..", "docker", "grafana", "tandem-dashboard.json").toAbsolutePath().toFile());
    java.util.Set<String> queried = new java.util.TreeSet<>();
    java.util.regex.Pattern metric =
        java.util.regex.Pattern.compile("\\b((?:tandem|kafka|jvm|process)_[a-z0-9_]+)");
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        java.util.regex.Matcher m = metric.matcher(target.get("expr").asText());
        while (m.find()) {
          queried.add(m.group(1));
        }
      }
    }
    String scrape = get("/metrics").body();
    java.util.Set<String> firstEventOnly =
        java.util.Set.of("tandem_dead_letters_total", "tandem_notifications_total");

    assertThat(queried).hasSizeGreaterThan(15);
    for (String name : queried) {
      if (firstEventOnly.contains(name)) {
        String meter = name.replaceFirst("_total$", "").replace('_', '.');
        String source =
            java.nio.file.Files.readString(
                Path.of("src/main/java/dev/tandem/metrics/TandemMeters.java"));
        assertThat(source).as("the meter behind %s", name).contains("\"" + meter + "\"");
      } else {
        assertThat(scrape).as("/metrics exports %s", name).containsPattern("(?m)^" + name + "[{ ]");
      }
    }
  }

  private static JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + http.port() + path);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
