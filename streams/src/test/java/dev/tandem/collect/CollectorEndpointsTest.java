package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.cli.TandemCommand;
import dev.tandem.testing.KafkaStack;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem collect --http-port}, as an operator runs it: in a JVM of its own, one page that
 * answers and one that never does. Its health, its per-provider record and its metrics (the
 * producer's client metrics, fetches by outcome) say which page is down, and it stays ready.
 */
@ExtendWith(KafkaStack.class)
class CollectorEndpointsTest {

  private static final Pattern HEALTH_LINE =
      Pattern.compile("tandem: collector health at http://127\\.0\\.0\\.1:(\\d+)/");
  private static final String TOPIC = "collector-endpoints.raw";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void healthProvidersAndMetricsTellWhichPageIsDown(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            java.util.Map.of("bootstrap.servers", KafkaStack.bootstrapServers()))) {
      admin
          .createTopics(
              java.util.List.of(new org.apache.kafka.clients.admin.NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (FixtureServer page = new FixtureServer()) {
      for (int i = 0; i < 100; i++) {
        page.then(FixtureServer.Reply.ok("statuspage/github-incidents-2024-09-16.json"));
      }
      Path providers =
          Files.writeString(
              dir.resolve("providers.yaml"),
              String.join(
                  "\n",
                  // Short intervals: each page's first fetch comes within its first interval.
                  "defaults:",
                  "  interval: 2s",
                  "providers:",
                  "  - id: github",
                  "    url: " + page.url("/api/v2/incidents.json"),
                  "    format: statuspage",
                  "  - id: gone",
                  "    url: http://127.0.0.1:" + closedPort + "/api/v2/incidents.json",
                  "    format: statuspage",
                  ""));
      Process collect =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  TandemCommand.class.getName(),
                  "collect",
                  "--bootstrap-servers",
                  KafkaStack.bootstrapServers(),
                  "--topic",
                  TOPIC,
                  "--providers",
                  providers.toString(),
                  "--http-port",
                  "0")
              .redirectErrorStream(true)
              .start();
      try {
        int port = portFrom(collect);

        java.util.concurrent.atomic.AtomicReference<String> last =
            new java.util.concurrent.atomic.AtomicReference<>();
        try {
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> {
                    HttpResponse<String> r = get(port, "/health/ready");
                    last.set(r.body() + " " + get(port, "/api/collector").body());
                    return r.statusCode() == 200;
                  });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError("never ready: " + last.get(), e);
        }
        JsonNode ready = JSON.readTree(get(port, "/health/ready").body());
        assertThat(ready.get("unreachable")).extracting(JsonNode::asText).containsExactly("gone");
        assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);

        JsonNode record = JSON.readTree(get(port, "/api/collector").body());
        assertThat(record.get("providers")).hasSize(2);
        // Sorted by id.
        JsonNode gone = record.get("providers").get(1);
        assertThat(gone.get("provider").asText()).isEqualTo("gone");
        assertThat(gone.get("unreachable").asBoolean()).isTrue();
        assertThat(gone.get("lastError").asText()).isNotBlank();
        assertThat(record.get("providers").get(0).get("provider").asText()).isEqualTo("github");
        assertThat(record.get("providers").get(0).get("published").asLong()).isEqualTo(1);

        String metrics = get(port, "/metrics").body();
        assertThat(metrics)
            .contains("tandem_collector_fetches_total{outcome=\"failed\",provider=\"gone\"}")
            .contains("tandem_collector_fetches_total{outcome=\"published\",provider=\"github\"}")
            .containsPattern(
                "(?m)^kafka_producer_record_send_total\\{.*client_id=\"tandem-publisher\"")
            .contains("jvm_memory_used_bytes");
      } finally {
        collect.destroy();
        assertThat(collect.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  /** Reads the child's output until it says where it serves; drains the rest in the background. */
  private static int portFrom(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  seen.append(line).append('\n');
                  Matcher m = HEALTH_LINE.matcher(line);
                  if (m.find()) {
                    int found = Integer.parseInt(m.group(1));
                    Thread drain =
                        new Thread(
                            () -> {
                              try {
                                while (out.readLine() != null) {
                                  // Keep the pipe from filling.
                                }
                              } catch (java.io.IOException e) {
                                // The child is gone.
                              }
                            });
                    drain.setDaemon(true);
                    drain.start();
                    return found;
                  }
                }
                throw new IllegalStateException("collect exited without serving:\n" + seen);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    return port.get(60, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
