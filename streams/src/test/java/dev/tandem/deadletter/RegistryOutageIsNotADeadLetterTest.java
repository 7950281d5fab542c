package dev.tandem.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.registry.SchemaRegistryException;
import java.net.ConnectException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A record that fails only because the registry cannot be reached is fine: it must not be
 * dead-lettered (and lost to the pipeline); the thread fails and the record is read again.
 */
class RegistryOutageIsNotADeadLetterTest {

  private static final SerializationException REGISTRY_DOWN =
      new SerializationException(
          "writer schema id 3 could not be fetched",
          SchemaRegistryException.unreachable(
              "GET", "http://registry:8081/schemas/ids/3", null, 4, new ConnectException()));

  @Test
  void deserializationFailsTheThread() {
    DeserializationExceptionHandler.Response response =
        new DeadLetterDeserializationHandler()
            .handleError(
                null,
                new ConsumerRecord<>(
                    "tandem.status.updates", 0, 0, new byte[0], new byte[] {0, 0, 0, 0, 3}),
                REGISTRY_DOWN);

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void processingFailsTheThread() {
    ProcessingExceptionHandler.Response response =
        new DeadLetterProcessingHandler()
            .handleError(null, new Record<>("openai", "update", 0L), REGISTRY_DOWN);

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }
}
