package dev.tandem.simulate;

import dev.tandem.contract.Impact;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How often incidents are MINOR, MAJOR or CRITICAL, written {@code
 * minor=0.5,major=0.4,critical=0.1}. One mix serves background and planted incidents alike, so
 * severity gives planted outages away no more than it would in life.
 */
public record SeverityMix(double minor, double major, double critical) {

  public static final String DEFAULT = "minor=0.5,major=0.4,critical=0.1";

  // Weights adding up to 1 within this much are taken as adding up to 1 (0.7 + 0.2 + 0.1 is not 1.0
  // in binary).
  private static final double TOLERANCE = 1e-6;

  public SeverityMix {
    for (double weight : new double[] {minor, major, critical}) {
      if (!(weight >= 0 && weight <= 1)) {
        throw new IllegalArgumentException("severity weights must be within 0..1, not " + weight);
      }
    }
    // A mix that does not add up is a typo (minor=0.5,major=0.4), better caught than silently
    // rescaled.
    double sum = minor + major + critical;
    if (Math.abs(sum - 1) > TOLERANCE) {
      throw new IllegalArgumentException("severity weights must add up to 1, not " + sum);
    }
  }

  /** Parses {@code name=weight,…} (names in any case); severities left out have weight 0. */
  public static SeverityMix parse(String text) {
    Map<Impact, Double> weights = new EnumMap<>(Impact.class);
    for (String part : text.split(",", -1)) {
      String[] pair = part.split("=", -1);
      if (pair.length != 2) {
        throw new IllegalArgumentException(
            "--severity-mix '" + text + "': expected name=weight pairs such as " + DEFAULT);
      }
      String name = pair[0].trim().toUpperCase(Locale.ROOT);
      Impact severity =
          switch (name) {
            case "MINOR", "MAJOR", "CRITICAL" -> Impact.valueOf(name);
            default ->
                throw new IllegalArgumentException(
                    "--severity-mix '"
                        + text
                        + "': unknown severity '"
                        + pair[0].trim()
                        + "' (expected minor, major or critical)");
          };
      double weight;
      try {
        weight = Double.parseDouble(pair[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--severity-mix '" + text + "': weight '" + pair[1].trim() + "' is not a number");
      }
      if (weights.put(severity, weight) != null) {
        throw new IllegalArgumentException(
            "--severity-mix '" + text + "': " + pair[0].trim() + " is given twice");
      }
    }
    try {
      return new SeverityMix(
          weights.getOrDefault(Impact.MINOR, 0.0),
          weights.getOrDefault(Impact.MAJOR, 0.0),
          weights.getOrDefault(Impact.CRITICAL, 0.0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--severity-mix '" + text + "': " + e.getMessage());
    }
  }

  /** One severity, drawn by its weight. */
  public Impact draw(SplittableRandom random) {
    // Scaled by the sum, which may miss 1 by the tolerance; a severity of weight 0 is never drawn.
    double u = random.nextDouble() * (minor + major + critical);
    if (u < minor || major + critical == 0) {
      return Impact.MINOR;
    }
    if (u < minor + major || critical == 0) {
      return Impact.MAJOR;
    }
    return Impact.CRITICAL;
  }

  /** The canonical form, every severity named. */
  @Override
  public String toString() {
    return "minor=" + minor + ",major=" + major + ",critical=" + critical;
  }
}
