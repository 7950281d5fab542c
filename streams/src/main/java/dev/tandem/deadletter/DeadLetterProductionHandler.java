package dev.tandem.deadletter;

import dev.tandem.metrics.TandemMeters;
import dev.tandem.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record the pipeline produced but cannot write (the broker refuses it: too large, a timestamp
 * out of range, an invalid record) goes to the dead-letter topic with the reason, instead of
 * failing the stream thread on it again and again. Errors that are not about the record (the broker
 * gone, a fenced producer, authorization) are left to Kafka Streams' default handling, which
 * retries or stops: writing those records off would lose data.
 *
 * <p>A record that cannot be serialized goes to the dead-letter topic as text, unless the reason is
 * the schema registry being unreachable: then the pipeline stops rather than lose the record.
 */
public final class DeadLetterProductionHandler extends DefaultProductionExceptionHandler {

  /** The original topic and record time of a record that could not be written. */
  public static final String ORIGINAL_TOPIC = "tandem.error.topic";

  public static final String ORIGINAL_TIMESTAMP = "tandem.error.timestamp";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
  private static final List<Class<? extends Exception>> ABOUT_THE_RECORD =
      List.of(
          RecordTooLargeException.class,
          RecordBatchTooLargeException.class,
          InvalidTimestampException.class,
          InvalidRecordException.class,
          CorruptRecordException.class);

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    super.configure(configs);
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetterTopic = topic == null ? null : topic.toString();
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (deadLetterTopic == null
        || !aboutTheRecord(exception)
        || deadLetterTopic.equals(record.topic())) {
      return super.handleError(context, record, exception);
    }
    String reason =
        "cannot write to "
            + record.topic()
            + ": "
            + DeadLetterDeserializationHandler.describe(exception);
    log.warn("dead letter from {}: {}", context.processorNodeId(), reason);
    return Response.resume(
        List.of(
            letter(
                record.topic(),
                record.timestamp(),
                record.key(),
                record.value(),
                record.headers(),
                context.processorNodeId(),
                reason,
                exception)));
  }

  @Override
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    if (deadLetterTopic == null || registryUnreachable(exception)) {
      return Response.fail();
    }
    String reason =
        "cannot serialize a record for "
            + record.topic()
            + " ("
            + origin.name().toLowerCase(java.util.Locale.ROOT)
            + "): "
            + DeadLetterDeserializationHandler.describe(exception);
    log.warn("dead letter from {}: {}", context.processorNodeId(), reason);
    return Response.resume(
        List.of(
            letter(
                record.topic(),
                record.timestamp(),
                text(record.key()),
                text(record.value()),
                record.headers(),
                context.processorNodeId(),
                reason,
                exception)));
  }

  private ProducerRecord<byte[], byte[]> letter(
      String topic,
      Long timestamp,
      byte[] key,
      byte[] value,
      Headers original,
      String stage,
      String reason,
      Exception exception) {
    Headers headers = DeadLetterHeaders.of(original, stage, reason, exception.getClass().getName());
    TandemMeters.deadLetter(stage, exception.getClass().getSimpleName());
    headers.add(ORIGINAL_TOPIC, topic.getBytes(StandardCharsets.UTF_8));
    if (timestamp != null) {
      headers.add(ORIGINAL_TIMESTAMP, String.valueOf(timestamp).getBytes(StandardCharsets.UTF_8));
    }
    // Stamped now: the original time may be the very reason the broker refused the record.
    return new ProducerRecord<>(
        deadLetterTopic, null, System.currentTimeMillis(), key, value, headers);
  }

  static boolean aboutTheRecord(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (Class<? extends Exception> kind : ABOUT_THE_RECORD) {
        if (kind.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether the failure is the registry out of reach or failing (no answer, or a 5xx, or
   * interrupted): a later try can succeed, so the record must not be written off.
   */
  static boolean registryUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException r && (r.httpStatus() < 0 || r.httpStatus() >= 500)) {
        return true;
      }
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static byte[] text(Object o) {
    return o == null ? null : String.valueOf(o).getBytes(StandardCharsets.UTF_8);
  }
}
