package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;

/**
 * Whose updates a payload holds, where they were read and in which format: what every update of it
 * shares.
 */
record Provenance(String provider, String source, String format) {

  /**
   * The record key is the provider id (design §2); without one the updates would belong to no one.
   */
  static Provenance fromRecordKey(RawStatus raw, String format) {
    if (raw.provider() == null || raw.provider().isBlank()) {
      throw new MalformedPayload(
          "record has no key: the key of tandem.status.raw must be the provider id, e.g. 'openai'");
    }
    return new Provenance(raw.provider(), raw.source(), format);
  }

  StatusUpdate.Builder newUpdate() {
    return StatusUpdate.newBuilder().setProvider(provider).setSource(source).setFormat(format);
  }
}
