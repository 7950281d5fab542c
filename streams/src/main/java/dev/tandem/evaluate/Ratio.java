package dev.tandem.evaluate;

/**
 * A score kept as its counts, so a report can show "3 of 4" and so that a score with nothing to
 * measure (no found pairs, no matched outage) stays undefined instead of passing for 0 or 1.
 */
public record Ratio(int numerator, int denominator) {

  public boolean defined() {
    return denominator > 0;
  }

  /** NaN when undefined. */
  public double value() {
    return defined() ? (double) numerator / denominator : Double.NaN;
  }
}
