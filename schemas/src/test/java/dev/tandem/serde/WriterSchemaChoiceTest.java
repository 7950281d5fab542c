package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.registry.CompatibilityLevel;
import dev.tandem.registry.SchemaRegistryException;
import dev.tandem.serde.fixture.v1.Level;
import dev.tandem.serde.fixture.v1.Sensor;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Which schema id a serializer frames with: auto.register.schemas, use.latest.version, or a
 * look-up.
 */
class WriterSchemaChoiceTest {

  private static final String TOPIC = "sensors";
  private static final String SUBJECT = TOPIC + "-value";
  private static final Map<String, Object> LOOK_UP = Map.of("auto.register.schemas", false);
  private static final Map<String, Object> LATEST =
      Map.of("auto.register.schemas", "false", "use.latest.version", "true");

  private final RecordingRegistryClient client = new RecordingRegistryClient();

  @Test
  void autoRegisterRegistersOncePerSubjectAndReusesTheId() {
    SpecificAvroSerializer<Sensor> serializer = new SpecificAvroSerializer<>(client);

    byte[] first = serializer.serialize(TOPIC, new Sensor("a", Level.LOW));
    byte[] second = serializer.serialize(TOPIC, new Sensor("b", Level.HIGH));

    assertThat(client.registerCalls).hasValue(1);
    assertThat(WireFormat.parse(second).schemaId())
        .isEqualTo(WireFormat.parse(first).schemaId())
        .isEqualTo(client.registry.getLatest(SUBJECT).id());
  }

  @Test
  void withoutAutoRegisterTheIdIsLookedUp() {
    int id = client.registry.register(SUBJECT, Sensor.SCHEMA$);
    SpecificAvroSerializer<Sensor> serializer = new SpecificAvroSerializer<>(client);
    serializer.configure(LOOK_UP, false);

    byte[] bytes = serializer.serialize(TOPIC, new Sensor("a", Level.LOW));

    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(id);
    assertThat(client.registerCalls).hasValue(0);
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaIsASerializationError() {
    SpecificAvroSerializer<Sensor> serializer = new SpecificAvroSerializer<>(client);
    serializer.configure(LOOK_UP, false);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, new Sensor("a", Level.LOW)))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("subject '" + SUBJECT + "'")
        .hasMessageContaining("40401")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void useLatestVersionWritesWithTheLatestSchemaAndItsId() {
    client.registry.register(SUBJECT, Sensor.SCHEMA$);
    int latestId = client.registry.register(SUBJECT, dev.tandem.serde.fixture.v2.Sensor.SCHEMA$);
    SpecificAvroSerializer<Sensor> serializer = new SpecificAvroSerializer<>(client);
    serializer.configure(LATEST, false);

    byte[] bytes = serializer.serialize(TOPIC, new Sensor("a", Level.HIGH));
    serializer.serialize(TOPIC, new Sensor("b", Level.LOW));

    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(latestId);
    assertThat(client.getLatestCalls).hasValue(1);
    dev.tandem.serde.fixture.v2.Sensor read =
        new SpecificAvroDeserializer<>(dev.tandem.serde.fixture.v2.Sensor.class, client)
            .deserialize(TOPIC, bytes);
    assertThat(read.getId()).isEqualTo("a");
    assertThat(read.getLevel()).isEqualTo(dev.tandem.serde.fixture.v2.Level.HIGH);
    assertThat(read.getLocation()).isEqualTo("unknown");
  }

  @Test
  void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
    client.setCompatibility(SUBJECT, CompatibilityLevel.NONE);
    client.registry.register(
        SUBJECT,
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Sensor", "fields": [{"name": "serial", "type": "long"}]}"""));
    SpecificAvroSerializer<Sensor> serializer = new SpecificAvroSerializer<>(client);
    serializer.configure(LATEST, false);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, new Sensor("a", Level.LOW)))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("latest schema of subject '" + SUBJECT + "' (version 1")
        .hasMessageContaining("cannot represent a dev.tandem.serde.fixture.v1.Sensor")
        .hasMessageContaining("serial");
  }

  @Test
  void autoRegisteringAnIncompatibleSchemaSurfacesTheRegistrys409() {
    client.registry.register(
        SUBJECT,
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Sensor", "fields": [{"name": "serial", "type": "long"}]}"""));
    SpecificAvroSerializer<Sensor> serializer = new SpecificAvroSerializer<>(client);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, new Sensor("a", Level.LOW)))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("HTTP 409, error code 409")
        .hasMessageContaining("incompatible with an earlier schema");
  }
}
