package dev.tandem.cli;

import dev.tandem.simulate.SeverityMix;
import dev.tandem.simulate.Simulation;
import dev.tandem.simulate.SimulationFiles;
import dev.tandem.simulate.SimulationSettings;
import dev.tandem.simulate.Simulator;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tandem simulate}: writes synthetic traffic with planted shared outages, as a scenario that
 * {@code tandem evaluate} scores, to measure correlation at a scale no recorded history offers.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a deterministic simulation to OUT_DIR: NAME.jsonl (canonical tandem updates of every incident, in the"
          + " order a collector receives them), NAME.expected.json (the planted outages, for tandem evaluate) and"
          + " NAME.planted.json (each planted outage in full).",
      "Each provider fails on its own as a Poisson process at a rate drawn log-uniform in --min-rate..--max-rate."
          + " Each of the --shared planted outages is one upstream's incident and, 0..--max-lag after it, incidents of"
          + " --min-dependents..--max-dependents other providers; nothing but their timing links them.",
      "The same flags give the same bytes."
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "OUT_DIR",
      description = "Directory to write to (created if missing).")
  Path outDir;

  @Option(
      names = "--providers",
      paramLabel = "N",
      required = true,
      description = "How many providers, sim-1 to sim-N (numbers zero-padded to the width of N).")
  int providers;

  @Option(names = "--days", paramLabel = "D", required = true, description = "Days simulated.")
  int days;

  @Option(
      names = "--shared",
      paramLabel = "K",
      required = true,
      description = "Shared outages to plant.")
  int shared;

  @Option(
      names = "--seed",
      paramLabel = "S",
      required = true,
      description = "Seed of the random draws.")
  long seed;

  @Option(
      names = "--min-rate",
      paramLabel = "PER_DAY",
      defaultValue = "0.0111",
      description =
          "Lowest own incident rate of a provider, per day (default: ${DEFAULT-VALUE}, once a quarter).")
  double minRate;

  @Option(
      names = "--max-rate",
      paramLabel = "PER_DAY",
      defaultValue = "0.5",
      description =
          "Highest own incident rate of a provider, per day (default: ${DEFAULT-VALUE}, every other day).")
  double maxRate;

  @Option(
      names = "--min-dependents",
      paramLabel = "N",
      defaultValue = "3",
      description = "Fewest providers failing with a planted upstream (default: ${DEFAULT-VALUE}).")
  int minDependents;

  @Option(
      names = "--max-dependents",
      paramLabel = "N",
      defaultValue = "8",
      description = "Most providers failing with a planted upstream (default: ${DEFAULT-VALUE}).")
  int maxDependents;

  @Option(
      names = "--max-lag",
      paramLabel = "DURATION",
      defaultValue = "20m",
      converter = ShortDuration.class,
      description =
          "Dependents' onsets come 0..this after the upstream's, e.g. 90s, 20m, 2h (default: ${DEFAULT-VALUE}).")
  Duration maxLag;

  @Option(
      names = "--severity-mix",
      paramLabel = "MIX",
      defaultValue = SeverityMix.DEFAULT,
      description =
          "Weights of each severity, adding up to 1, for every incident (default: ${DEFAULT-VALUE}).")
  String severityMix;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      defaultValue = "2026-01-05T00:00:00Z",
      converter = UtcInstant.class,
      description = "First instant simulated, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Instant start;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Stem of the files written (default: sim-<providers>p-<days>d-<shared>k-s<seed>).")
  String name;

  @Override
  public Integer call() throws IOException {
    SimulationSettings settings;
    try {
      settings =
          new SimulationSettings(
              providers,
              days,
              shared,
              seed,
              minRate,
              maxRate,
              minDependents,
              maxDependents,
              maxLag,
              SeverityMix.parse(severityMix),
              start,
              name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    // Checked before simulating: a big run should not fail only once its work is done.
    prepare(outDir);
    Simulation simulation = new Simulator(settings).simulate();
    SimulationFiles.Written written;
    try {
      written = SimulationFiles.write(simulation, outDir);
    } catch (IOException e) {
      throw new IOException("cannot write to " + outDir + ": " + reason(e), e);
    }
    spec.commandLine()
        .getOut()
        .println(
            "simulated "
                + settings.providers()
                + " providers over "
                + settings.days()
                + " days: "
                + simulation.incidents().size()
                + " incidents, "
                + simulation.updateCount()
                + " updates, "
                + simulation.planted().size()
                + " planted outages -> "
                + written.scenario());
    double background = simulation.rates().values().stream().mapToDouble(Double::doubleValue).sum();
    double majorShare = settings.severityMix().major() + settings.severityMix().critical();
    int found =
        dev.tandem.correlate.Detectability.smallestFound(
            dev.tandem.correlate.CorrelationSettings.DEFAULTS,
            background,
            majorShare,
            settings.maxLag(),
            0.95);
    spec.commandLine()
        .getOut()
        .printf(
            java.util.Locale.ROOT,
            "background %.1f incidents a day: with the default settings, a shared outage of %d or more providers within %s is found"
                + " 95 %% of the time by timing alone%n",
            background,
            found,
            settings.maxLag().toMinutes() + " min");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static void prepare(Path dir) throws IOException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException("cannot create OUT_DIR " + dir + ": " + reason(e), e);
    }
    if (!Files.isWritable(dir)) {
      throw new IOException("cannot write to OUT_DIR " + dir + ": permission denied");
    }
  }

  /** The file system's complaint in words; its exceptions' messages are often just the path. */
  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return OneLineFailure.describe(e);
  }

  /**
   * {@code 90s}, {@code 20m}, {@code 2h}, {@code 1d}, {@code 500ms}, or ISO-8601 ({@code PT20M}); a
   * bare number is seconds, as in providers.yaml.
   */
  static final class ShortDuration implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    @Override
    public Duration convert(String value) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      Matcher m = SHORT.matcher(text);
      try {
        if (!m.matches()) {
          return Duration.parse(value.trim());
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        };
      } catch (RuntimeException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration such as 90s, 20m or 2h");
      }
    }
  }

  /** An ISO-8601 instant; without a zone ({@code 2026-01-05T00:00}) it is UTC. */
  static final class UtcInstant implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value.trim()).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw new TypeConversionException(
              "'" + value + "' is not an ISO-8601 time such as 2026-01-05T00:00:00Z");
        }
      }
    }
  }
}
