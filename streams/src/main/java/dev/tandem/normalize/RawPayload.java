package dev.tandem.normalize;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of {@code tandem.status.raw} as the adapters see it. Any part may be missing (a record
 * without key, a tombstone); adapters answer that with a failure, not an exception.
 *
 * <p>The bytes are not copied: payloads can be megabytes and the stream hands each array to exactly
 * one reader. Adapters only read them.
 *
 * @param provider the record key, a lower-case provider slug
 * @param bytes the record value, exactly as published
 * @param source the {@code tandem.source} header, the URL it was read from, or null
 * @param receivedAt when it reached Kafka, or null if unknown
 */
public record RawPayload(String provider, byte[] bytes, String source, Instant receivedAt) {

  @Override
  public boolean equals(Object other) {
    return other instanceof RawPayload that
        && Objects.equals(provider, that.provider)
        && Arrays.equals(bytes, that.bytes)
        && Objects.equals(source, that.source)
        && Objects.equals(receivedAt, that.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, Arrays.hashCode(bytes), source, receivedAt);
  }

  @Override
  public String toString() {
    return "RawPayload[provider="
        + provider
        + ", "
        + (bytes == null ? "no value" : bytes.length + " bytes")
        + ", source="
        + source
        + ", receivedAt="
        + receivedAt
        + "]";
  }
}
