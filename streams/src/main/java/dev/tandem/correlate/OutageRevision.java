package dev.tandem.correlate;

/**
 * One published state of an outage: what it was, in which lifecycle state, at which version.
 *
 * @param version 1 when opened, incremented by every change
 * @param mergedInto for state MERGED, the id of the outage this one merged into; else null
 */
public record OutageRevision(Outage outage, State state, int version, String mergedInto) {

  /**
   * OPEN when first reported, UPDATED on every later change, RESOLVED when every member resolved,
   * MERGED (final) when it joined an older outage, EXPIRED (final) when its members aged out of
   * correlation before all of them resolved.
   */
  public enum State {
    OPEN,
    UPDATED,
    RESOLVED,
    MERGED,
    EXPIRED
  }

  public OutageRevision(Outage outage, State state, int version) {
    this(outage, state, version, null);
  }

  public String id() {
    return outage.id();
  }
}
