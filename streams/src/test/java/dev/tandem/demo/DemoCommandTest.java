package dev.tandem.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tandem demo --json --incidents} end to end: its own broker and registry, the bundled
 * scenarios.
 */
class DemoCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void printsOnlyJsonOutageChangesAndIncidentsOnStdout() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        TandemCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("demo", "--json", "--incidents");

    assertThat(code).as(err.toString()).isZero();
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
}
