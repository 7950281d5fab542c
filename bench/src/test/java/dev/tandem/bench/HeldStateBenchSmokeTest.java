package dev.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The memory and restore bench on a tiny held state, with its own broker, registry and two Tandem
 * JVMs: it runs through, every figure is measured, and the restored pipeline alerts a new outage.
 * The figures themselves come from the bench run by hand (bench/RESULTS.md).
 */
class HeldStateBenchSmokeTest {

  @Test
  void measuresHeapResidentSetAndRestore() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        HeldStateBench.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "--providers=50",
            "--incidents=1000",
            "--days=60",
            "--partitions=2",
            "--timeout-minutes=3");

    assertThat(exit).as("exit code; stderr:%n%s", err).isZero();
    String printed = out.toString();
    assertThat(cell(printed, "incidents held (track store)")).startsWith("1,000 over 60 days");
    assertThat(number(cell(printed, "heap: live after a full collection, everything held")))
        .isPositive();
    assertThat(number(cell(printed, "resident set high-water (VmHWM)"))).isPositive();
    double running =
        number(cell(printed, "restore: JVM start to RUNNING, state directory deleted"));
    double answered = number(cell(printed, "restore: JVM start to a new outage's OPEN readable"));
    assertThat(running).isPositive();
    assertThat(answered).isGreaterThanOrEqualTo(running);
  }

  @Test
  void aBadFlagIsOneLineAndAUsageExitCode() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit =
        HeldStateBench.run(new PrintWriter(out, true), new PrintWriter(err, true), "--heap=lots");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("--heap");
    assertThat(out.toString()).isEmpty();
  }

  /** The second cell of the Markdown row whose first cell is {@code first}. */
  private static String cell(String printed, String first) {
    Optional<String> row =
        printed.lines().filter(l -> l.startsWith("| " + first + " |")).findFirst();
    assertThat(row).as("row %s in%n%s", first, printed).isPresent();
    String line = row.get();
    return line.substring(("| " + first + " |").length(), line.length() - 1).strip();
  }

  /** The first number in a cell ("40.2 MB", "6.9 s", "1,000 over 60 days"). */
  private static double number(String cell) {
    Matcher m = Pattern.compile("[\\d,]+(\\.\\d+)?").matcher(cell);
    assertThat(m.find()).as("a number in %s", cell).isTrue();
    return Double.parseDouble(m.group().replace(",", ""));
  }
}
