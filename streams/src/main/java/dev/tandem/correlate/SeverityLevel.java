package dev.tandem.correlate;

/**
 * The severity levels at which Tandem looks for bursts. A burst of MAJOR or worse onsets is rarer
 * than one of any impact, so it is tested against its own, lower background: a handful of major
 * outages together stands out where the same number of minor blips would not.
 */
public enum SeverityLevel {
  /** Every onset that counts: MINOR, MAJOR or CRITICAL. */
  ANY(Severity.MINOR, "any impact"),
  /** MAJOR or CRITICAL onsets only. */
  MAJOR(Severity.MAJOR, "major or worse");

  private final Severity lowest;
  private final String label;

  SeverityLevel(Severity lowest, String label) {
    this.lowest = lowest;
    this.label = label;
  }

  public boolean includes(Severity severity) {
    return severity.countsAsOutage() && severity.compareTo(lowest) >= 0;
  }

  public String label() {
    return label;
  }
}
