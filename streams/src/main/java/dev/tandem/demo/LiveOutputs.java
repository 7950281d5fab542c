package dev.tandem.demo;

import dev.tandem.contract.Incident;
import java.time.Instant;
import java.util.List;

/**
 * What a replay through a running pipeline left on its output topics, as a consumer reads them:
 * every outage change of the JSON topic in the order published, and the final state of every
 * incident. (The offline replay's counterpart, with decoded revisions, is {@code
 * evaluate.ReplayOutcome}.)
 *
 * @param outageChanges each published change of {@code tandem.outages.json}
 * @param incidents the last value of each key of {@code tandem.incidents}
 */
public record LiveOutputs(List<PublishedOutage> outageChanges, List<Incident> incidents) {

  /**
   * One record of the outage JSON topic.
   *
   * @param json null for a retraction (tombstone)
   * @param time the record's event time
   */
  public record PublishedOutage(String id, String json, Instant time) {}
}
