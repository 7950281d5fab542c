package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import dev.tandem.serde.fixture.v1.Level;
import dev.tandem.serde.fixture.v1.Sensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * Readers on one version of a contract read data written with another, through Avro schema
 * resolution.
 */
class SchemaEvolutionTest {

  private static final String TOPIC = "sensors";

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void olderReaderReadsNewerDataWithTheEnumDefaultForUnknownSymbolsAndWithoutTheNewField() {
    write(new Sensor("s-0", Level.HIGH));
    byte[] critical =
        new SpecificAvroSerializer<dev.tandem.serde.fixture.v2.Sensor>(registry)
            .serialize(
                TOPIC,
                new dev.tandem.serde.fixture.v2.Sensor(
                    "s-1", dev.tandem.serde.fixture.v2.Level.CRITICAL, "rack 7"));
    byte[] high =
        new SpecificAvroSerializer<dev.tandem.serde.fixture.v2.Sensor>(registry)
            .serialize(
                TOPIC,
                new dev.tandem.serde.fixture.v2.Sensor(
                    "s-2", dev.tandem.serde.fixture.v2.Level.HIGH, "rack 8"));

    SpecificAvroDeserializer<Sensor> v1Reader =
        new SpecificAvroDeserializer<>(Sensor.class, registry);

    Sensor fromCritical = v1Reader.deserialize(TOPIC, critical);
    assertThat(fromCritical.getId()).isEqualTo("s-1");
    assertThat(fromCritical.getLevel()).isEqualTo(Level.LOW);
    assertThat(v1Reader.deserialize(TOPIC, high).getLevel()).isEqualTo(Level.HIGH);
  }

  @Test
  void newerReaderReadsOlderDataAndGetsTheDefaultOfTheNewField() {
    byte[] bytes = write(new Sensor("s-3", Level.HIGH));

    dev.tandem.serde.fixture.v2.Sensor read =
        new SpecificAvroDeserializer<>(dev.tandem.serde.fixture.v2.Sensor.class, registry)
            .deserialize(TOPIC, bytes);

    assertThat(read.getId()).isEqualTo("s-3");
    assertThat(read.getLevel()).isEqualTo(dev.tandem.serde.fixture.v2.Level.HIGH);
    assertThat(read.getLocation()).isEqualTo("unknown");
  }

  @Test
  void bothVersionsLiveUnderOneSubjectAsVersionsOneAndTwo() {
    write(new Sensor("s-4", Level.LOW));
    new SpecificAvroSerializer<dev.tandem.serde.fixture.v2.Sensor>(registry)
        .serialize(
            TOPIC,
            new dev.tandem.serde.fixture.v2.Sensor(
                "s-5", dev.tandem.serde.fixture.v2.Level.LOW, "rack 1"));

    assertThat(registry.getLatest(TOPIC + "-value").version()).isEqualTo(2);
    assertThat(registry.getLatest(TOPIC + "-value").schema().getField("location")).isNotNull();
  }

  @Test
  void generatedStatusUpdateReadsDataFromAnEvolvedContract() throws IOException {
    String topic = "tandem.status.updates";
    StatusUpdate update = ContractSamples.statusUpdate();
    new SpecificAvroSerializer<StatusUpdate>(registry).serialize(topic, update);
    Schema v2 = statusUpdateV2();
    GenericRecord evolved = asV2(update, v2);
    evolved.put("severity", 5);
    evolved.put("status", new GenericData.EnumSymbol(v2.getField("status").schema(), "ESCALATED"));

    byte[] bytes = new GenericAvroSerializer(registry).serialize(topic, evolved);
    StatusUpdate read =
        new SpecificAvroDeserializer<>(StatusUpdate.class, registry).deserialize(topic, bytes);

    assertThat(registry.getLatest(topic + "-value").version()).isEqualTo(2);
    assertThat(read.getStatus()).isEqualTo(IncidentStatus.UNKNOWN);
    read.setStatus(update.getStatus());
    assertThat(read).isEqualTo(update);
  }

  @Test
  void genericReaderSeesTheWritersOwnSchema() throws IOException {
    Schema v2 = statusUpdateV2();
    GenericRecord evolved = asV2(ContractSamples.statusUpdate(), v2);

    GenericRecord read =
        new GenericAvroDeserializer(registry)
            .deserialize("t", new GenericAvroSerializer(registry).serialize("t", evolved));

    assertThat(read.getSchema()).isEqualTo(v2);
    assertThat(read.get("severity")).isEqualTo(0);
    assertThat(read.get("provider")).hasToString("cloudflare");
  }

  private byte[] write(Sensor sensor) {
    return new SpecificAvroSerializer<Sensor>(registry).serialize(TOPIC, sensor);
  }

  /**
   * StatusUpdate plus a defaulted int field and a new IncidentStatus symbol: a BACKWARD-compatible
   * change.
   */
  private static Schema statusUpdateV2() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode schema = (ObjectNode) json.readTree(StatusUpdate.getClassSchema().toString());
    ArrayNode fields = (ArrayNode) schema.get("fields");
    for (JsonNode field : fields) {
      if (field.get("name").asText().equals("status")) {
        ((ArrayNode) field.get("type").get("symbols")).add("ESCALATED");
      }
    }
    fields.addObject().put("name", "severity").put("type", "int").put("default", 0);
    return new Schema.Parser().parse(schema.toString());
  }

  private static GenericRecord asV2(StatusUpdate update, Schema v2) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<StatusUpdate>(
            StatusUpdate.getClassSchema(), SpecificData.getForClass(StatusUpdate.class))
        .write(update, encoder);
    encoder.flush();
    return new GenericDatumReader<GenericRecord>(StatusUpdate.getClassSchema(), v2)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }
}
