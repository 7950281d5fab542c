package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.testing.CommandLineRun;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem evaluate} on a small directory: one scored scenario and one without an expected
 * file.
 */
class EvaluateCommandTest {

  private final CommandLineRun cli = new CommandLineRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  @TempDir Path dir;

  @BeforeEach
  void copyScenarios() throws Exception {
    Path designed = DesignedScenariosTest.designedDirectory();
    Files.copy(designed.resolve("designed-two-outages-same-day.jsonl"), dir.resolve("two.jsonl"));
    Files.copy(
        designed.resolve("designed-two-outages-same-day.expected.json"),
        dir.resolve("two.expected.json"));
    Files.copy(
        designed.resolve("designed-maintenance-windows.jsonl"), dir.resolve("maintenance.jsonl"));
  }

  private int run(String... args) {
    return cli.execute(args);
  }

  @Test
  void hasHelp() {
    assertThat(run("evaluate", "--help")).isZero();
    assertThat(out.toString())
        .startsWith("Usage: tandem evaluate")
        .contains("--json")
        .contains("--dependencies");
  }

  @Test
  void printsEachScenarioThenTheTotals() {
    assertThat(run("evaluate", dir.toString())).isZero();

    assertThat(out.toString())
        .contains("maintenance  (10 records, 3 incidents; no expected file, not scored)")
        .contains("  found        atlassian, aws, slack  cause aws  RESOLVED")
        .contains("totals over 1 scored scenario (2 replayed)")
        .contains("2 expected, 2 found: 2 matched, 0 missed, 0 false alarms")
        .contains("precision 1.000 (6/6)  recall 1.000 (6/6)  F1 1.000 (12/12)");
  }

  @Test
  void printsOneJsonDocumentWithJson() throws Exception {
    assertThat(run("evaluate", "--json", dir.toString())).isZero();

    JsonNode report = new ObjectMapper().readTree(out.toString());
    assertThat(report.get("scenarios")).hasSize(2);
    assertThat(report.at("/scenarios/0/scored").asBoolean()).isFalse();
    assertThat(report.at("/totals/pairs/precision").asDouble()).isEqualTo(1.0);
    assertThat(report.at("/totals/falseAlarms").asInt()).isZero();
    assertThat(report.at("/totals/detectionDelaySeconds/max").asLong()).isZero();
    assertThat(report.at("/scenarios/1/found/0/secondProviderFirstUpdate").asText())
        .isEqualTo("2025-10-07T09:09:00Z");
  }

  @Test
  void dependenciesReplaceTheShippedGraph() throws Exception {
    Files.delete(dir.resolve("maintenance.jsonl"));
    Path graph =
        Files.writeString(
            dir.resolve("graph.yaml"), "dependencies:\n  microsoft365: [azure]\n  xbox: [azure]\n");

    assertThat(run("evaluate", "--dependencies", graph.toString(), dir.toString())).isZero();

    assertThat(out.toString())
        .as("without its declared dependents, aws is no longer the cause of the morning outage")
        .contains("  found        atlassian, aws, slack  no cause  RESOLVED")
        .contains("cause            accuracy 0.500 (1/2)");
  }

  @Test
  void aDirectoryThatDoesNotExistIsOneLineAndExitCodeOne() {
    assertThat(run("evaluate", dir.resolve("nope").toString())).isEqualTo(1);

    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("tandem: not a directory:")
        .endsWith("nope");
  }

  @Test
  void aBrokenExpectedFileIsNamed() throws Exception {
    Files.writeString(dir.resolve("maintenance.expected.json"), "{\"outages\": 3}");

    assertThat(run("evaluate", dir.toString())).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .endsWith("maintenance.expected.json: expected an 'outages' array");
  }
}
