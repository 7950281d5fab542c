package dev.tandem.deadletter;

import dev.tandem.metrics.TandemMeters;
import dev.tandem.registry.SchemaRegistryException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * A record on one of the pipeline's topics that cannot be deserialized (say, a corrupt Avro frame
 * published by hand) goes to the dead-letter topic with Tandem's error headers, and the pipeline
 * keeps running. Kafka Streams builds the dead letter (errors.dead.letter.queue.topic.name). A
 * record that fails only because the schema registry cannot be reached is not dead-lettered: the
 * thread fails.
 */
public final class DeadLetterDeserializationHandler extends LogAndContinueExceptionHandler {

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (SchemaRegistryException.unavailableIn(exception).isPresent()) {
      // The record is fine, the registry is away: fail the thread (TandemApp decides what next),
      // never dead-letter it.
      return Response.fail();
    }
    Response response = super.handleError(context, record, exception);
    String reason = "cannot deserialize a record of " + record.topic() + ": " + describe(exception);
    TandemMeters.deadLetter("deserialize " + record.topic(), exception.getClass().getSimpleName());
    List<ProducerRecord<byte[], byte[]>> letters =
        response.deadLetterQueueRecords().stream()
            .map(
                letter ->
                    DeadLetterHeaders.withErrorHeaders(
                        letter,
                        "deserialize " + record.topic(),
                        reason,
                        exception.getClass().getName()))
            .toList();
    return Response.resume(letters);
  }

  static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
