package dev.tandem.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a dead letter carries besides the original ones: which stage refused it, why (a
 * sentence a person can act on) and what kind of error it was.
 */
public final class DeadLetterHeaders {

  public static final String STAGE = "tandem.error.stage";
  public static final String REASON = "tandem.error.reason";
  public static final String CLASS = "tandem.error.class";

  /** Error class of input that no adapter could read (as opposed to an unexpected exception). */
  public static final String PARSE_FAILURE = "ParseFailure";

  private DeadLetterHeaders() {}

  /**
   * The same for a record about to be produced to the dead-letter topic: its headers gain the error
   * headers.
   */
  public static ProducerRecord<byte[], byte[]> withErrorHeaders(
      ProducerRecord<byte[], byte[]> record, String stage, String reason, String errorClass) {
    return new ProducerRecord<>(
        record.topic(),
        record.partition(),
        record.timestamp(),
        record.key(),
        record.value(),
        of(record.headers(), stage, reason, errorClass));
  }

  /** A copy of the original headers with the error headers added. */
  public static Headers of(Headers original, String stage, String reason, String errorClass) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.remove(STAGE).remove(REASON).remove(CLASS);
    headers.add(STAGE, stage.getBytes(StandardCharsets.UTF_8));
    headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(CLASS, errorClass.getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
