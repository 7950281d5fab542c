package dev.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code tandem demo --json --incidents --serve} end to end: its own broker and registry, the
 * bundled scenarios, then the dashboard served until stopped; and a busy port.
 */
class DemoCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One demo for both (each starts its own broker and registry): with {@code --serve} it prints the
   * same, then serves the dashboard and the API until stopped.
   */
  @Test
  void printsOnlyJsonOutageChangesAndIncidentsOnStdoutThenServesTheDashboard() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread demo =
        new Thread(
            () ->
                code.set(
                    TandemCommand.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute("demo", "--json", "--incidents", "--serve", "--http-port=0")),
            "demo");
    demo.start();

    String url =
        await()
            .atMost(Duration.ofMinutes(3))
            .until(() -> dashboardUrl(err.toString()), u -> u != null || !demo.isAlive());
    assertThat(url).as(err.toString()).isNotNull().startsWith("http://127.0.0.1:");
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> page = get(client, url);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Tandem");
    // 503 for the moment it takes to read the outages topic.
    JsonNode published =
        JSON.readTree(
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> get(client, url + "api/published"), r -> r.statusCode() == 200)
                .body());
    assertThat(published.get("outages").get(0).get("suspectedCause").get("provider").asText())
        .isEqualTo("fastly");
    assertThat(get(client, url + "api/outages").statusCode()).isEqualTo(200);
    assertThat(demo.isAlive()).as("still serving").isTrue();

    // As Ctrl-C would: it stops serving and closes everything.
    demo.interrupt();
    demo.join(Duration.ofMinutes(1).toMillis());
    assertThat(demo.isAlive()).isFalse();
    assertThat(code.get()).as(err.toString()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    List<JsonNode> outages =
        lines.stream().filter(l -> l.get("type").asText().equals("outage")).toList();
    List<JsonNode> incidents =
        lines.stream().filter(l -> l.get("type").asText().equals("incident")).toList();
    assertThat(outages.size() + incidents.size())
        .as("nothing but outage and incident objects")
        .isEqualTo(lines.size());

    assertThat(outages.get(0).get("state").asText()).isEqualTo("OPEN");
    JsonNode last = outages.get(outages.size() - 1);
    assertThat(last.get("state").asText()).isEqualTo("RESOLVED");
    assertThat(last.get("suspectedCause").get("provider").asText()).isEqualTo("fastly");
    assertThat(last.get("providers")).hasSize(5);
    assertThat(outages).extracting(o -> o.get("id").asText()).containsOnly(last.get("id").asText());

    assertThat(incidents)
        .extracting(i -> i.get("provider").asText() + "/" + i.get("status").asText())
        .contains("meta/RESOLVED", "openai/RESOLVED", "fastly/RESOLVED", "amazon/RESOLVED");
    assertThat(incidents)
        .filteredOn(i -> i.get("incidentId").asText().equals("openai-2025-12-02-elevated-errors"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.get("components")).hasSize(14);
              assertThat(i.get("identifiedAt").asText()).isEqualTo("2025-12-02T19:55:00Z");
            });
  }

  @Test
  void aBusyPortIsOneLineAndAFailure() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter err = new StringWriter();
      int code =
          TandemCommand.commandLine()
              .setOut(new PrintWriter(new StringWriter(), true))
              .setErr(new PrintWriter(err, true))
              .execute("demo", "--serve", "--http-port=" + taken.getLocalPort());

      assertThat(code).isEqualTo(1);
      assertThat(err.toString().strip())
          .startsWith("tandem: cannot serve the dashboard on 127.0.0.1:" + taken.getLocalPort())
          .contains("--http-port")
          .doesNotContain("\n");
    }
  }

  @Test
  void anAddressItCannotListenOnIsOneLineAndAFailure() {
    StringWriter err = new StringWriter();
    int code =
        TandemCommand.commandLine()
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("demo", "--serve", "--http-host=no-such-host.invalid", "--http-port=0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("tandem: cannot serve the dashboard on no-such-host.invalid:0")
        .contains("--http-host")
        .doesNotContain("\n");
  }

  @Test
  void aPortOutOfRangeIsOneLine() {
    StringWriter err = new StringWriter();
    int code =
        TandemCommand.commandLine()
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("demo", "--serve", "--http-port=70000");

    assertThat(code).isNotZero();
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: --http-port must be from 0 to 65535, not 70000");
  }

  private static String dashboardUrl(String err) {
    Matcher m = Pattern.compile("tandem: dashboard at (http://\\S+/)").matcher(err);
    return m.find() ? m.group(1) : null;
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
