package dev.tandem.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines a person reads on why these providers were grouped: who started when, why, and how
 * rare.
 */
final class OutageStory {

  private final CorrelationSettings settings;
  private final EpisodeUpstreams upstreams;
  private final int tests;

  OutageStory(CorrelationSettings settings, EpisodeUpstreams upstreams, int tests) {
    this.settings = settings;
    this.upstreams = upstreams;
    this.tests = tests;
  }

  /**
   * @param burst the strongest burst among the members, or null
   * @param evidenceCoincidence the chance of these providers starting this close by accident, or
   *     NaN when no evidence links them
   */
  List<String> tell(OutageCluster cluster, Cause cause, Burst burst, double evidenceCoincidence) {
    List<String> lines = new ArrayList<>();
    // Tell the story from the suspected cause when it reported, else from the first to fail.
    Episode reference =
        cause.reporting()
            ? cluster.episodes().stream()
                .filter(e -> e.provider().equals(cause.provider()))
                .findFirst()
                .orElse(cluster.anchor())
            : cluster.anchor();
    lines.add(
        reference.provider()
            + " started at "
            + reference.onset()
            + " ("
            + reference.severity().name().toLowerCase(Locale.ROOT)
            + ")");
    for (Episode e : cluster.episodes()) {
      if (e == reference) {
        continue;
      }
      boolean after = !e.onset().isBefore(reference.onset());
      String line =
          e.provider()
              + " started "
              + duration(Episode.distance(reference, e))
              + (after ? " after " : " before ")
              + reference.provider();
      Optional<String> why =
          cause.reporting() ? upstreams.why(cause.provider(), e) : Optional.empty();
      if (why.isPresent()) {
        line += "; " + why.get();
      }
      lines.add(line);
    }
    if (cause.provider() != null) {
      lines.add("suspected cause: " + cause.provider() + " (" + cause.reason() + ")");
    } else {
      lines.add("no suspected cause: " + cause.reason());
    }
    if (burst != null) {
      lines.add(background(burst, tests));
    }
    if (!Double.isNaN(evidenceCoincidence)) {
      lines.add(
          String.format(
              Locale.ROOT,
              "chance of these %d providers, linked by what their incidents say, starting within %s by coincidence: %.2g",
              cluster.providers().size(),
              duration(cluster.span()),
              evidenceCoincidence));
    }
    return lines;
  }

  /**
   * The background line: what was expected, what happened, how rare that is in the user's units.
   */
  static String background(Burst burst, int tests) {
    Background b = burst.background();
    return String.format(
        Locale.ROOT,
        "background: the %d providers watched start about %.1f incidents (%s) a day, %.2g in %s; %d started within %s from %s; "
            + "a burst this strong happens by chance about %s at this background (%d window widths and levels tested)",
        b.watched(),
        b.perDay(burst.level()),
        burst.level().label(),
        burst.expected(),
        duration(burst.width()),
        burst.providers(),
        duration(burst.width()),
        burst.from(),
        rarity(burst.chancePerWeek()),
        tests);
  }

  /**
   * "once in 3 years", "once in 5 weeks", "8 times a day": the rate of chance bursts, read by a
   * person.
   */
  static String rarity(double perWeek) {
    if (perWeek <= 0) {
      return "never";
    }
    double weeks = 1 / perWeek;
    if (weeks >= 104) {
      return weeks / 52.18 >= 1000
          ? "less than once in 1000 years"
          : String.format(Locale.ROOT, "once in %.0f years", weeks / 52.18);
    }
    if (weeks >= 8) {
      return String.format(Locale.ROOT, "once in %.0f months", weeks / 4.35);
    }
    if (weeks >= 2) {
      return String.format(Locale.ROOT, "once in %.0f weeks", weeks);
    }
    if (weeks >= 1.0 / 7) {
      return String.format(Locale.ROOT, "once in %.0f days", weeks * 7);
    }
    return String.format(Locale.ROOT, "%.0f times a day", perWeek / 7);
  }

  /** A distance in the unit a person reads fastest: minutes, hours, then days. */
  static String duration(Duration d) {
    long m = d.toMinutes();
    if (m < 120) {
      return m + " min";
    }
    return m < 48 * 60
        ? String.format(Locale.ROOT, "%.1f h", m / 60.0)
        : String.format(Locale.ROOT, "%.1f days", m / 1440.0);
  }
}
