package dev.tandem.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to simulate; one field per flag of {@code tandem simulate}, so messages name the flags.
 *
 * @param providers how many providers, {@code sim-1}… (ids zero-padded to the width of this number)
 * @param days length of the simulated period, from {@code start}
 * @param shared how many shared outages to plant
 * @param seed the same seed and settings give the same files, byte for byte
 * @param minRate lowest own incident rate of a provider, per day. 0.0111 (1/90): once a quarter, a
 *     quiet provider.
 * @param maxRate highest, per day. 0.5: every other day, a noisy one. Rates are drawn log-uniform
 *     in between, so quiet and noisy providers are equally common.
 * @param minDependents fewest providers failing with a planted upstream (besides it)
 * @param maxDependents most of them. 3..8: Fastly 2021 and Cloudflare 2025 took down a handful of
 *     the providers anyone watches, not hundreds.
 * @param maxLag how long after the upstream's onset its dependents' onsets may come (uniform in
 *     0..maxLag). 20 minutes: Fastly 2021's dependents posted within 13–22 minutes.
 * @param severityMix the impact of every incident, background or planted
 * @param start the simulated period's first instant
 * @param name the stem of the files written, {@code NAME.jsonl} and so on
 */
public record SimulationSettings(
    int providers,
    int days,
    int shared,
    long seed,
    double minRate,
    double maxRate,
    int minDependents,
    int maxDependents,
    Duration maxLag,
    SeverityMix severityMix,
    Instant start,
    String name) {

  public static final double DEFAULT_MIN_RATE = 0.0111;
  public static final double DEFAULT_MAX_RATE = 0.5;
  public static final int DEFAULT_MIN_DEPENDENTS = 3;
  public static final int DEFAULT_MAX_DEPENDENTS = 8;
  public static final Duration DEFAULT_MAX_LAG = Duration.ofMinutes(20);
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

  /**
   * Planted outages start a day after the start and end a day before the end (see {@link
   * Simulator}).
   */
  static final int PLANTING_MARGIN_DAYS = 1;

  // A file stem: no directories, nothing hidden, nothing a shell would mangle.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public SimulationSettings {
    Objects.requireNonNull(maxLag, "maxLag");
    Objects.requireNonNull(severityMix, "severityMix");
    Objects.requireNonNull(start, "start");
    if (name == null) {
      name = defaultName(providers, days, shared, seed);
    }
    if (providers < 1) {
      throw new IllegalArgumentException("--providers must be at least 1, not " + providers);
    }
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1, not " + days);
    }
    if (shared < 0) {
      throw new IllegalArgumentException("--shared must not be negative, not " + shared);
    }
    if (!(minRate > 0 && Double.isFinite(minRate))) {
      throw new IllegalArgumentException(
          "--min-rate must be a positive number of incidents a day, not " + minRate);
    }
    if (!(maxRate >= minRate && Double.isFinite(maxRate))) {
      throw new IllegalArgumentException(
          "--max-rate (" + maxRate + ") must not be below --min-rate (" + minRate + ")");
    }
    if (minDependents < 1) {
      throw new IllegalArgumentException(
          "--min-dependents must be at least 1, not " + minDependents);
    }
    if (maxDependents < minDependents) {
      throw new IllegalArgumentException(
          "--max-dependents ("
              + maxDependents
              + ") must not be below --min-dependents ("
              + minDependents
              + ")");
    }
    if (maxLag.isNegative()) {
      throw new IllegalArgumentException("--max-lag must not be negative, not " + maxLag);
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "--name must be a plain file stem (letters, digits, '.', '_', '-'), not '" + name + "'");
    }
    // Dependents and the planting margin only matter when something is planted.
    if (shared > 0 && maxDependents > providers - 1) {
      throw new IllegalArgumentException(
          "--max-dependents "
              + maxDependents
              + " needs at least "
              + (maxDependents + 1)
              + " providers (the upstream and its dependents), not --providers "
              + providers);
    }
    if (shared > 0 && days < 2 * PLANTING_MARGIN_DAYS + 1) {
      throw new IllegalArgumentException(
          "--shared needs --days "
              + (2 * PLANTING_MARGIN_DAYS + 1)
              + " or more (planted outages keep a day of history before them and a day after), not --days "
              + days);
    }
  }

  /** The given sizes and seed, every other setting at its default. */
  public static SimulationSettings of(int providers, int days, int shared, long seed) {
    return new SimulationSettings(
        providers,
        days,
        shared,
        seed,
        DEFAULT_MIN_RATE,
        DEFAULT_MAX_RATE,
        DEFAULT_MIN_DEPENDENTS,
        DEFAULT_MAX_DEPENDENTS,
        DEFAULT_MAX_LAG,
        SeverityMix.parse(SeverityMix.DEFAULT),
        DEFAULT_START,
        null);
  }

  /**
   * {@code sim-<providers>p-<days>d-<shared>k-s<seed>}: the sizes and seed, so runs do not
   * overwrite each other.
   */
  public static String defaultName(int providers, int days, int shared, long seed) {
    return "sim-" + providers + "p-" + days + "d-" + shared + "k-s" + seed;
  }

  /** The first instant after the simulated period. */
  public Instant end() {
    return start.plus(Duration.ofDays(days));
  }

  /**
   * The id of the provider at {@code index} (0-based): {@code sim-} and its 1-based number,
   * zero-padded to the width of the count.
   */
  public String providerId(int index) {
    int width = Integer.toString(providers).length();
    return "sim-" + String.format("%0" + width + "d", index + 1);
  }
}
