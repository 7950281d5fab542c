package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;

/**
 * What the normalize stage makes of a raw record: updates for the pipeline, or the original bytes
 * for the dead-letter topic.
 */
public sealed interface Normalized {

  /** A new vendor update (never seen before). */
  record Update(StatusUpdate update) implements Normalized {}

  /**
   * The raw record as it came, to go to the dead-letter topic; the reason travels in its headers.
   */
  record Rejected(byte[] original) implements Normalized {}
}
