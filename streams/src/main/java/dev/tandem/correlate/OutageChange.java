package dev.tandem.correlate;

/**
 * What the ledger publishes: a new revision of an outage (including the final MERGED revision of
 * one that joined an older outage), or the retraction of one that no longer stands.
 */
public sealed interface OutageChange {

  String id();

  /** A new revision of an outage. */
  record Revised(OutageRevision revision) implements OutageChange {
    @Override
    public String id() {
      return revision.id();
    }
  }

  /**
   * The outage no longer stands (its members no longer make an outage); consumers of the compacted
   * topic see a tombstone.
   */
  record Retracted(String id, String reason) implements OutageChange {}
}
