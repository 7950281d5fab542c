package dev.tandem.raw;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record for {@code tandem.status.raw}: a provider's status document exactly as fetched, keyed
 * by provider id, with the headers that tell the normalizer how to read it.
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

  public RawStatus {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(payload, "payload");
  }

  public ProducerRecord<String, byte[]> toProducerRecord(String topic) {
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
}
