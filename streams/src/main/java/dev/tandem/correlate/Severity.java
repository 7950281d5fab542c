package dev.tandem.correlate;

/**
 * How bad an incident is, ordered from harmless to worst; MAINTENANCE is planned and never counts.
 */
public enum Severity {
  NONE,
  MAINTENANCE,
  MINOR,
  MAJOR,
  CRITICAL;

  public boolean countsAsOutage() {
    return this == MINOR || this == MAJOR || this == CRITICAL;
  }
}
