package dev.tandem.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.evaluate.ExpectedOutcome;
import dev.tandem.normalize.Normalizer;
import dev.tandem.normalize.ParseResult;
import dev.tandem.scenario.Scenario;
import dev.tandem.testing.CommandLineRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem simulate}: the files it writes, that the project reads them, and its one-line
 * errors.
 */
class SimulateCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TINY = {
    "--providers", "20", "--days", "3", "--shared", "1", "--seed", "5"
  };

  @TempDir Path dir;

  private static CommandLineRun simulate(Path out, String... flags) {
    CommandLineRun cli = new CommandLineRun();
    List<String> args = new ArrayList<>(List.of("simulate", out.toString()));
    args.addAll(List.of(flags));
    cli.execute(args.toArray(String[]::new));
    return cli;
  }

  private static int exitCode(Path out, String... flags) {
    List<String> args = new ArrayList<>(List.of("simulate", out.toString()));
    args.addAll(List.of(flags));
    return new CommandLineRun().execute(args.toArray(String[]::new));
  }

  @Test
  void hasHelp() {
    CommandLineRun cli = new CommandLineRun();
    assertThat(cli.execute("simulate", "--help")).isZero();
    assertThat(cli.out.toString())
        .startsWith("Usage: tandem simulate")
        .contains("--max-lag")
        .contains("--severity-mix");
  }

  @Test
  void writesTheScenarioItsExpectedOutcomeAndThePlantedDetailAndSaysSoWithTheSizeItCanFind()
      throws Exception {
    CommandLineRun cli =
        simulate(dir, "--providers", "50", "--days", "10", "--shared", "3", "--seed", "9");

    assertThat(cli.err.toString()).isEmpty();
    Path scenario = dir.resolve("sim-50p-10d-3k-s9.jsonl");
    List<String> said = cli.out.toString().lines().toList();
    assertThat(said).hasSize(2);
    assertThat(said.get(0))
        .startsWith("simulated 50 providers over 10 days: ")
        .contains(" updates, 3 planted outages -> " + scenario);
    assertThat(said.get(1))
        .matches(
            "background [0-9.]+ incidents a day: with the default settings, a shared outage of \\d+ or more"
                + " providers within 20 min is found 95 % of the time by timing alone");
    assertThat(dir.resolve("sim-50p-10d-3k-s9.expected.json")).isRegularFile();
    assertThat(dir.resolve("sim-50p-10d-3k-s9.planted.json")).isRegularFile();

    List<String> lines = Files.readAllLines(scenario);
    List<JsonNode> envelopes = new ArrayList<>();
    for (String line : lines) {
      envelopes.add(JSON.readTree(line));
    }
    assertThat(envelopes)
        .allSatisfy(
            e -> {
              assertThat(e.get("format").asText()).isEqualTo("tandem");
              assertThat(e.get("receivedAt").asText())
                  .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
              assertThat(e.at("/payload/provider").asText()).isEqualTo(e.get("provider").asText());
              assertThat(e.at("/payload/components")).isEmpty();
              assertThat(e.at("/payload/startedAt").asText()).endsWith(".000Z");
            });
    Comparator<JsonNode> received =
        Comparator.comparing((JsonNode e) -> Instant.parse(e.get("receivedAt").asText()))
            .thenComparing(e -> e.get("provider").asText())
            .thenComparing(e -> e.at("/payload/updateId").asText());
    assertThat(envelopes).isSortedAccordingTo(received);
    assertThat(envelopes)
        .as("posting lags put some records out of event order")
        .extracting(e -> Instant.parse(e.at("/payload/updatedAt").asText()))
        .isNotEqualTo(
            envelopes.stream()
                .map(e -> Instant.parse(e.at("/payload/updatedAt").asText()))
                .sorted()
                .toList());
    assertThat(lines.size() % 4).isZero();

    JsonNode planted = JSON.readTree(dir.resolve("sim-50p-10d-3k-s9.planted.json").toFile());
    assertThat(planted.get("outages")).hasSize(3);
    assertThat(planted.get("updates").asInt()).isEqualTo(lines.size());
    for (JsonNode outage : planted.get("outages")) {
      assertThat(outage.get("dependents").size()).isBetween(3, 8);
      Instant upstream = Instant.parse(outage.at("/upstream/onset").asText());
      for (JsonNode dependent : outage.get("dependents")) {
        assertThat(Duration.between(upstream, Instant.parse(dependent.get("onset").asText())))
            .isBetween(Duration.ZERO, Duration.ofMinutes(20));
      }
    }
  }

  @Test
  void theExpectedFileIsWhatExpectedOutcomeReads() throws Exception {
    simulate(
        dir,
        "--providers",
        "50",
        "--days",
        "10",
        "--shared",
        "3",
        "--seed",
        "9",
        "--name",
        "three");

    String text = Files.readString(dir.resolve("three.expected.json"));
    ExpectedOutcome expected = ExpectedOutcome.parse("three.expected.json", text);
    JsonNode planted = JSON.readTree(dir.resolve("three.planted.json").toFile());

    assertThat(expected.outages()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      ExpectedOutcome.ExpectedOutage outage = expected.outages().get(i);
      assertThat(outage.suspectedCause()).isNull();
      assertThat(outage.finalState()).isEqualTo("RESOLVED");
      assertThat(outage.providers())
          .hasSizeBetween(4, 9)
          .isEqualTo(JSON.convertValue(planted.at("/outages/" + i + "/providers"), List.class));
    }
    assertThat(JSON.readTree(text).get("incidents")).isEmpty();
  }

  @Test
  void theSameFlagsWriteTheSameBytesAndAnotherSeedOthers() throws Exception {
    simulate(dir.resolve("a"), TINY);
    simulate(dir.resolve("b"), TINY);
    String[] otherSeed = TINY.clone();
    otherSeed[7] = "6";
    simulate(dir.resolve("c"), otherSeed);

    for (String file :
        List.of(
            "sim-20p-3d-1k-s5.jsonl",
            "sim-20p-3d-1k-s5.expected.json",
            "sim-20p-3d-1k-s5.planted.json")) {
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
    }
    assertThat(Files.readAllBytes(dir.resolve("c").resolve("sim-20p-3d-1k-s6.jsonl")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("a").resolve("sim-20p-3d-1k-s5.jsonl")));
  }

  @Test
  void everyRecordNormalizesToTheUpdateItCarries() throws Exception {
    simulate(dir, TINY);

    Scenario scenario = Scenario.fromDirectory(dir).get(0);
    Normalizer normalizer = Normalizer.withDefaultAdapters();
    assertThat(scenario.envelopes())
        .isNotEmpty()
        .allSatisfy(
            envelope -> {
              ParseResult result = normalizer.normalize(envelope.toRawStatus());
              assertThat(result).isInstanceOf(ParseResult.Parsed.class);
              StatusUpdate update = ((ParseResult.Parsed) result).updates().get(0);
              assertThat(update.getProvider()).isEqualTo(envelope.provider());
              assertThat(update.getUpdatedAt()).isBefore(envelope.receivedAt());
              assertThat(update.getComponents()).isEmpty();
            });
  }

  @Test
  void tandemEvaluateScoresASimulation() {
    simulate(dir, TINY);
    CommandLineRun evaluate = new CommandLineRun();

    assertThat(evaluate.execute("evaluate", dir.toString())).isZero();

    assertThat(evaluate.err.toString()).isEmpty();
    assertThat(evaluate.out.toString())
        .contains("sim-20p-3d-1k-s5")
        .contains("totals over 1 scored scenario");
  }

  @Test
  void durationsReadTheShortForms() throws Exception {
    simulate(
        dir,
        "--providers",
        "20",
        "--days",
        "3",
        "--shared",
        "2",
        "--seed",
        "1",
        "--max-lag",
        "90s",
        "--name",
        "lag");

    JsonNode planted = JSON.readTree(dir.resolve("lag.planted.json").toFile());
    assertThat(planted.at("/settings/maxLagSeconds").asInt()).isEqualTo(90);
    assertThat(planted.findValues("lagSeconds"))
        .allSatisfy(lag -> assertThat(lag.asInt()).isBetween(0, 90));
  }

  @Test
  void badFlagsAreOneLineAndExitCodeTwo() {
    List<String[]> bad =
        List.of(
            new String[] {"--providers", "0", "--days", "3", "--shared", "1", "--seed", "1"},
            new String[] {"--providers", "20", "--days", "0", "--shared", "1", "--seed", "1"},
            new String[] {"--providers", "20", "--days", "3", "--shared", "-1", "--seed", "1"},
            smallRunWith("--min-rate", "0.6"),
            smallRunWith("--min-dependents", "0"),
            smallRunWith("--min-dependents", "9"),
            new String[] {"--providers", "6", "--days", "3", "--shared", "1", "--seed", "1"},
            smallRunWith("--severity-mix", "minor=0.9"),
            smallRunWith("--max-lag", "soon"),
            smallRunWith("--start", "monday"),
            new String[] {"--providers", "20", "--days", "3", "--shared", "1"});
    for (String[] flags : bad) {
      CommandLineRun cli = simulate(dir.resolve("out"), flags);
      assertThat(cli.err.toString().lines())
          .as(String.join(" ", flags))
          .singleElement()
          .asString()
          .startsWith("tandem: ")
          .endsWith("(see 'tandem simulate --help')");
      assertThat(exitCode(dir.resolve("out"), flags)).as(String.join(" ", flags)).isEqualTo(2);
    }
    assertThat(dir.resolve("out")).doesNotExist();
  }

  /** The flags of a small valid run (20 providers, 3 days, 1 shared outage, seed 1), then more. */
  private static String[] smallRunWith(String... more) {
    List<String> flags =
        new ArrayList<>(
            List.of("--providers", "20", "--days", "3", "--shared", "1", "--seed", "1"));
    flags.addAll(List.of(more));
    return flags.toArray(String[]::new);
  }

  @Test
  void anOutDirThatCannotBeWrittenIsOneLineAndExitCodeOne() throws Exception {
    Path file = Files.writeString(dir.resolve("in-the-way"), "x", StandardCharsets.UTF_8);
    CommandLineRun cli = simulate(file, TINY);

    assertThat(exitCode(file, TINY)).isEqualTo(1);
    assertThat(cli.err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo("tandem: cannot create OUT_DIR " + file + ": a file of that name is in the way");
  }
}
