package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end bench on a tiny load, on its own real broker and registry: it runs through, and
 * its tables have every row with positive figures. What the figures are is the bench's business;
 * this only says it measured something.
 */
class EndToEndBenchSmokeTest {

  @Test
  void printsEveryRowWithPositiveFigures() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        EndToEndBench.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "--providers=100",
            "--days=30",
            "--records=300",
            "--rate=100",
            "--latency-seconds=3",
            "--warmup-seconds=1",
            "--probe-every-ms=200",
            "--commit-intervals=" + TandemRun.defaultCommitIntervalMs(),
            "--warmup-records=0",
            "--ceiling-runs=1");

    assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
    String printed = out.toString();
    assertThat(printed).containsPattern("machine: \\d+ cores, max heap [\\d,]+ MB, Java ");
    assertThat(printed).contains("load average (1 min) when the run began: ");

    List<String> interval =
        row(printed, TandemRun.defaultCommitIntervalMs() + " (Tandem's default)").orElseThrow();
    // ceiling, Tandem, ratio, p50, p99, max: all measured, all positive.
    for (String figure : interval.subList(1, 7)) {
      assertThat(number(figure)).as("%s in %s", figure, interval).isPositive();
    }
    String[] opened = interval.get(7).split(" / ");
    assertThat(Integer.parseInt(opened[0])).as("probes opened").isPositive();

    for (String instances : List.of("1 × 1", "2 × 1", "1 × 2")) {
      List<String> scale = row(printed, instances).orElseThrow();
      for (String figure : scale.subList(1, 4)) {
        assertThat(number(figure)).as("%s in %s", figure, scale).isPositive();
      }
    }
  }

  @Test
  void aBadFlagIsOneLineAndAUsageExitCode() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        EndToEndBench.run(new PrintWriter(out, true), new PrintWriter(err, true), "--rate=fast");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("--rate");
    assertThat(out.toString()).isEmpty();
  }

  /** The cells of the Markdown row whose first cell is {@code first}. */
  private static Optional<List<String>> row(String printed, String first) {
    return printed
        .lines()
        .filter(l -> l.startsWith("| " + first + " |"))
        .findFirst()
        .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::strip))
        .map(s -> s.toList());
  }

  private static double number(String cell) {
    return Double.parseDouble(cell.replace(",", ""));
  }
}
