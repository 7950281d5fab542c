package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.contract.Incident;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Whatever lands on a topic, the deserializer answers with a SerializationException that says what
 * is wrong.
 */
class CorruptPayloadTest {

  private static final String TOPIC = "tandem.status.updates";

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final SpecificAvroDeserializer<StatusUpdate> deserializer =
      new SpecificAvroDeserializer<>(StatusUpdate.class, registry);

  @Test
  void wrongMagicByteIsNotConfluentWireFormat() {
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1, 2}))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("topic '" + TOPIC + "'")
        .hasMessageContaining("Unknown magic byte 1: not Confluent wire format");
  }

  @Test
  void threeBytesAreTooShortForAHeader() {
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0}))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("topic '" + TOPIC + "'")
        .hasMessageContaining("3 bytes is too short");
  }

  @Test
  void unknownSchemaIdNamesTheIdAndTheRegistryAnswer() {
    byte[] data = WireFormat.frame(12345, new byte[] {2});

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, data))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("topic '" + TOPIC + "'")
        .hasMessageContaining("schema id 12345")
        .hasMessageContaining("HTTP 404, error code 40403");
  }

  @Test
  void garbageAfterAValidHeaderIsCorruptAvro() {
    int id = registry.register(TOPIC + "-value", StatusUpdate.getClassSchema());
    byte[] garbage = new byte[12];
    Arrays.fill(garbage, (byte) 0xFF);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, WireFormat.frame(id, garbage)))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("topic '" + TOPIC + "'")
        .hasMessageContaining("schema id " + id)
        .hasMessageContaining("corrupt or unreadable Avro data")
        .hasMessageContaining("Invalid long encoding");
  }

  @Test
  void hugeLengthPrefixFailsInsteadOfExhaustingTheHeap() {
    int id = registry.register(TOPIC + "-value", StatusUpdate.getClassSchema());
    // Zig-zag varint of 1,000,000,000 as the length of the first string.
    byte[] payload = {(byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07};

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, WireFormat.frame(id, payload)))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id " + id)
        .hasMessageContaining("string of 1000000000 bytes with only 0 bytes left");
  }

  @Test
  void truncatedAvroDataFailsWithEndOfInput() {
    byte[] whole =
        new SpecificAvroSerializer<StatusUpdate>(registry)
            .serialize(TOPIC, ContractSamples.statusUpdate());
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id " + WireFormat.parse(whole).schemaId())
        .hasCauseInstanceOf(EOFException.class);
  }

  @Test
  void recordOfAnotherContractIsRefusedNotMisread() {
    byte[] incident =
        new SpecificAvroSerializer<Incident>(registry)
            .serialize("tandem.incidents", ContractSamples.incident());

    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, incident))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id " + WireFormat.parse(incident).schemaId())
        .hasMessageContaining(
            "Found dev.tandem.contract.Incident, expecting dev.tandem.contract.StatusUpdate");
  }

  @Test
  void unreachableRegistryFailsWithinTheRetryBudget() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SpecificAvroDeserializer<StatusUpdate> offline =
        new SpecificAvroDeserializer<>(StatusUpdate.class);
    offline.configure(
        Map.of(
            "schema.registry.url",
            "http://127.0.0.1:" + closedPort,
            "schema.registry.max.retries",
            2,
            "schema.registry.retry.backoff.ms",
            1),
        false);
    long start = System.nanoTime();

    assertThatThrownBy(() -> offline.deserialize(TOPIC, WireFormat.frame(7, new byte[] {2})))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id 7")
        .hasMessageContaining("unreachable after 3 attempts");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    offline.close();
  }

  @Test
  void serializerFailuresAreSerializationExceptionsToo() {
    StatusUpdate incomplete = ContractSamples.statusUpdate();
    incomplete.setProvider(null);
    SpecificAvroSerializer<StatusUpdate> serializer = new SpecificAvroSerializer<>(registry);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, incomplete))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("dev.tandem.contract.StatusUpdate")
        .hasMessageContaining("topic '" + TOPIC + "'");
  }
}
