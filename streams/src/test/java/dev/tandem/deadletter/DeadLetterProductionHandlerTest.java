package dev.tandem.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

  private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();

  {
    handler.configure(
        Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "tandem.dlq"));
  }

  private static final ErrorHandlerContext CONTEXT =
      new ErrorHandlerContext() {
        @Override
        public String topic() {
          return "tandem.status.raw";
        }

        @Override
        public int partition() {
          return 0;
        }

        @Override
        public long offset() {
          return 7;
        }

        @Override
        public org.apache.kafka.common.header.Headers headers() {
          return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
          return "KSTREAM-SINK-0000000004";
        }

        @Override
        public TaskId taskId() {
          return new TaskId(0, 0);
        }

        @Override
        public long timestamp() {
          return 0;
        }

        @Override
        public byte[] sourceRawKey() {
          return null;
        }

        @Override
        public byte[] sourceRawValue() {
          return null;
        }
      };

  private static ProducerRecord<byte[], byte[]> record() {
    return new ProducerRecord<>(
        "tandem.status.updates",
        null,
        4_102_444_800_000L,
        "acme".getBytes(StandardCharsets.UTF_8),
        new byte[] {1, 2, 3});
  }

  @Test
  void aRecordTheBrokerRefusesGoesToTheDeadLetterTopicWithItsReasonAndOriginalTime() {
    ProductionExceptionHandler.Response response =
        handler.handleError(
            CONTEXT, record(), new InvalidTimestampException("Timestamp out of range"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.topic()).isEqualTo("tandem.dlq");
              assertThat(letter.value()).containsExactly(1, 2, 3);
              assertThat(letter.timestamp())
                  .as("stamped now, not with the refused time")
                  .isLessThan(4_102_444_800_000L);
              assertThat(
                      new String(
                          letter.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                          StandardCharsets.UTF_8))
                  .isEqualTo("cannot write to tandem.status.updates: Timestamp out of range");
              assertThat(
                      new String(
                          letter
                              .headers()
                              .lastHeader(DeadLetterProductionHandler.ORIGINAL_TIMESTAMP)
                              .value(),
                          StandardCharsets.UTF_8))
                  .isEqualTo("4102444800000");
            });
    assertThat(
            handler
                .handleError(CONTEXT, record(), new RecordTooLargeException("too large"))
                .result())
        .isEqualTo(ProductionExceptionHandler.Result.RESUME);
  }

  @Test
  void errorsThatAreNotAboutTheRecordAreLeftToKafkaStreams() {
    assertThat(
            handler
                .handleError(CONTEXT, record(), new NotLeaderOrFollowerException("moved"))
                .deadLetterQueueRecords())
        .isEmpty();
  }

  @Test
  void aRecordThatCannotBeSerializedGoesToTheDeadLetterTopicUnlessTheRegistryIsOutOfReach() {
    ProducerRecord<Object, Object> update =
        new ProducerRecord<>("tandem.status.updates", "acme", "{\"not\":\"avro\"}");

    ProductionExceptionHandler.Response bad =
        handler.handleSerializationError(
            CONTEXT,
            update,
            new SerializationException("field title is null"),
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
    ProductionExceptionHandler.Response unreachable =
        handler.handleSerializationError(
            CONTEXT,
            update,
            new SerializationException(
                "registry",
                SchemaRegistryException.unreachable(
                    "GET",
                    "http://registry:8081",
                    "x-value",
                    3,
                    new java.net.ConnectException("refused"))),
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

    assertThat(bad.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(new String(bad.deadLetterQueueRecords().get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"not\":\"avro\"}");
    assertThat(unreachable.result())
        .as("stop rather than write the record off")
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
  }
}
