package dev.tandem.correlate;

/**
 * One published state of an outage: what it was, in which lifecycle state, at which version.
 *
 * @param version 1 when opened, incremented by every change
 */
public record OutageRevision(Outage outage, State state, int version) {

  /** OPEN when first reported, UPDATED on every later change, RESOLVED when every member resolved. */
  public enum State { OPEN, UPDATED, RESOLVED }

  public String id() {
    return outage.id();
  }
}
