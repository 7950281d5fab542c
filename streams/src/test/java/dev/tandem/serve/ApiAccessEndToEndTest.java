package dev.tandem.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.pipeline.TandemConfig;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TandemProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} with credentials, as an operator sets them: a read token from a file (a
 * mounted secret), an admin user in the settings. The API then listens on every address, asks every
 * caller but the health checks for credentials, keeps the settings view to the admin, and no secret
 * shows in an answer or the log.
 */
@ExtendWith(KafkaStack.class)
class ApiAccessEndToEndTest {

  private static final String READ_TOKEN = "read-token-5f2c9a";
  private static final String ADMIN_PASSWORD = "admin-pass-81d7e3";
  private static final Pattern API_LINE =
      Pattern.compile("tandem: HTTP API at http://([0-9.]+):(\\d+)/");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void onlyCallersWithTheRightRoleGetAnswers(@TempDir Path dir) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("read-token"), READ_TOKEN + "\n");
    Map<String, String> settings =
        new LinkedHashMap<>(KafkaStack.pipelineConfig("access", dir.resolve("state")).values());
    settings.put("tandem.http.read.token.file", tokenFile.toString());
    settings.put("tandem.http.admin.basic", "ops:" + ADMIN_PASSWORD);

    try (TandemProcess run = new TandemProcess(new TandemConfig(settings), dir).start()) {
      run.awaitRunning(Duration.ofMinutes(2));
      String log = Files.readString(run.log(), StandardCharsets.UTF_8);
      Matcher line = API_LINE.matcher(log);
      assertThat(line.find()).as(log).isTrue();
      assertThat(line.group(1)).as("with credentials, every address").isEqualTo("0.0.0.0");
      int port = Integer.parseInt(line.group(2));

      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> get(port, "/health/ready", null).statusCode() == 200);

      HttpResponse<String> anonymous = get(port, "/api/outages", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm=\"tandem\""));
      assertThat(anonymous.body()).contains("\"error\"");
      assertThat(get(port, "/api/outages", "Bearer not-" + READ_TOKEN).statusCode()).isEqualTo(401);
      assertThat(get(port, "/api/outages", "Bearer " + READ_TOKEN).statusCode()).isEqualTo(200);
      assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(get(port, "/metrics", "Bearer " + READ_TOKEN).body())
          .contains("tandem_pipeline_running");

      assertThat(get(port, "/api/config", "Bearer " + READ_TOKEN).statusCode())
          .as("the settings are for the admin")
          .isEqualTo(403);
      HttpResponse<String> config = get(port, "/api/config", basic("ops:" + ADMIN_PASSWORD));
      assertThat(config.statusCode()).isEqualTo(200);
      assertThat(config.body())
          .contains("\"tandem.http.admin.basic\":\"[hidden]\"", "tandem.topic.partitions")
          .doesNotContain(ADMIN_PASSWORD, READ_TOKEN);
      assertThat(get(port, "/api/outages", basic("ops:wrong")).statusCode()).isEqualTo(401);

      assertThat(Files.readString(run.log(), StandardCharsets.UTF_8))
          .doesNotContain(ADMIN_PASSWORD, READ_TOKEN);
    }
  }

  private static HttpResponse<String> get(int port, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }
}
