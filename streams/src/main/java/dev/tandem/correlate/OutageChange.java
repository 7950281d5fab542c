package dev.tandem.correlate;

/**
 * What the ledger publishes: a new revision of an outage, or the retraction of one that no longer
 * stands (its members now belong to an outage with another id, or no longer make an outage).
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

  /** The outage no longer stands; consumers of the compacted topic see a tombstone. */
  record Retracted(String id, String reason) implements OutageChange {}
}
