package dev.tandem.notify;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.OutageState;

/**
 * One change of one outage as a notification tells it: the record of {@code tandem.outages}, or its
 * tombstone, a retraction (design §4: the outage's members no longer make an outage).
 *
 * @param outage the outage as published; null when it was retracted
 */
public record OutageNotice(String id, CorrelatedOutage outage) {

  public static OutageNotice retraction(String id) {
    return new OutageNotice(id, null);
  }

  public boolean retracted() {
    return outage == null;
  }

  /**
   * Whether the outage is over under this id: resolved, expired (final with a member that never
   * resolved), merged into another id, or retracted. A pager resolves its alert on these.
   */
  public boolean ends() {
    if (outage == null) {
      return true;
    }
    OutageState state = outage.getState();
    return state == OutageState.RESOLVED
        || state == OutageState.EXPIRED
        || state == OutageState.MERGED;
  }

  /** {@code OPEN}, {@code UPDATED}, ..., or {@code RETRACTED}. */
  public String state() {
    return outage == null ? "RETRACTED" : outage.getState().name();
  }
}
