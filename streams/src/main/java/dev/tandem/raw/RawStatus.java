package dev.tandem.raw;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record of {@code tandem.status.raw}: a provider's status document exactly as fetched, keyed
 * by provider id, with the headers that tell the normalizer how to read it. The same record as the
 * collector and {@code publish} write it and as the normalizer reads it. A record read may lack any
 * part (no key, a tombstone, no receive time): the normalizer answers that with a failure, not an
 * exception; a record written must have them all ({@link #toProducerRecord}).
 *
 * <p>The bytes are not copied: payloads can be megabytes and each array has one reader. Nobody
 * changes them.
 *
 * @param provider the record key, a lower-case provider slug
 * @param format value of {@code tandem.format} ({@code statuspage}, {@code tandem}, …), or null to
 *     let the normalizer detect it
 * @param source value of {@code tandem.source}, the URL it came from, or null
 * @param receivedAt when it reached Kafka: the record timestamp and {@code tandem.received-at}
 * @param payload the bytes as fetched
 */
public record RawStatus(
    String provider, String format, String source, Instant receivedAt, byte[] payload) {

  /** A provider id, the record key: a lower-case slug such as {@code openai} or {@code gcp}. */
  public static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  public static final String FORMAT_HEADER = "tandem.format";
  public static final String SOURCE_HEADER = "tandem.source";
  public static final String RECEIVED_AT_HEADER = "tandem.received-at";

  /** The same record with another {@code tandem.format}. */
  public RawStatus withFormat(String otherFormat) {
    return new RawStatus(provider, otherFormat, source, receivedAt, payload);
  }

  /**
   * @throws NullPointerException when the record lacks a key, a receive time or a value
   */
  public ProducerRecord<String, byte[]> toProducerRecord(String topic) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(payload, "payload");
    Headers headers = new RecordHeaders();
    if (format != null) {
      headers.add(FORMAT_HEADER, format.getBytes(StandardCharsets.UTF_8));
    }
    if (source != null) {
      headers.add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
    }
    headers.add(RECEIVED_AT_HEADER, receivedAt.toString().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, receivedAt.toEpochMilli(), provider, payload, headers);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawStatus that
        && Objects.equals(provider, that.provider)
        && Objects.equals(format, that.format)
        && Objects.equals(source, that.source)
        && Objects.equals(receivedAt, that.receivedAt)
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, format, source, receivedAt, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "RawStatus[provider="
        + provider
        + ", format="
        + format
        + ", source="
        + source
        + ", receivedAt="
        + receivedAt
        + ", "
        + (payload == null ? "no value" : payload.length + " bytes")
        + "]";
  }
}
