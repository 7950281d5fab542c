package dev.tandem.deadletter;

import dev.tandem.metrics.TandemMeters;
import dev.tandem.registry.SchemaRegistryException;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record that makes a processor throw (a bug, or input no adapter anticipated) goes to the
 * dead-letter topic with Tandem's error headers instead of stopping the pipeline; except when the
 * schema registry could not be reached (a state store's Avro serde): then the thread fails.
 */
public final class DeadLetterProcessingHandler extends LogAndContinueProcessingExceptionHandler {

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (SchemaRegistryException.unavailableIn(exception).isPresent()) {
      // A state store's Avro serde could not reach the registry: the record is fine, retry it after
      // the thread fails.
      return Response.fail();
    }
    Response response = super.handleError(context, record, exception);
    String reason =
        "processing failed in "
            + context.processorNodeId()
            + ": "
            + DeadLetterDeserializationHandler.describe(exception);
    TandemMeters.deadLetter(context.processorNodeId(), exception.getClass().getSimpleName());
    List<ProducerRecord<byte[], byte[]>> letters =
        response.deadLetterQueueRecords().stream()
            .map(
                letter ->
                    DeadLetterHeaders.withErrorHeaders(
                        letter, context.processorNodeId(), reason, exception.getClass().getName()))
            .toList();
    return Response.resume(letters);
  }
}
