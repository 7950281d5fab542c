package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.StatusUpdate;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the topic, computed by hand from the Confluent wire format and the Avro binary
 * encoding.
 */
class ConfluentFramingTest {

  private static final Schema TINY =
      new Schema.Parser()
          .parse(
              """
            {"type": "record", "name": "Tiny", "namespace": "dev.tandem.serde.test", "fields": [
              {"name": "n", "type": "int"},
              {"name": "s", "type": "string"}
            ]}""");

  @Test
  void framesTinyRecordAsMagicByteBigEndianIdThenZigZagIntAndLengthPrefixedString() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(0x01020304);

    byte[] bytes = new GenericAvroSerializer(registry).serialize("tiny", tiny(1, "ab"));

    // magic 0 | id 0x01020304 big-endian | n=1 zig-zag 0x02 | "ab": length 2 zig-zag 0x04, 'a', 'b'
    assertThat(bytes).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x02, 0x04, 'a', 'b');
  }

  @Test
  void encodesMultiByteAndNegativeIntsAsZigZagVarints() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(300);
    GenericAvroSerializer serializer = new GenericAvroSerializer(registry);

    // 150 zig-zags to 300 = 0b10_0101100: low seven bits with the continuation bit (0xAC), then
    // 0x02.
    assertThat(serializer.serialize("tiny", tiny(150, "")))
        .containsExactly(0, 0, 0, 0x01, 0x2C, 0xAC, 0x02, 0x00);
    // -1 zig-zags to 1.
    assertThat(serializer.serialize("tiny", tiny(-1, "é")))
        .containsExactly(0, 0, 0, 0x01, 0x2C, 0x01, 0x04, 0xC3, 0xA9);
  }

  @Test
  void framesStatusUpdateWithTheIdRegisteredUnderTheTopicValueSubject() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(4242);
    StatusUpdate update = ContractSamples.statusUpdate();

    byte[] bytes =
        new SpecificAvroSerializer<StatusUpdate>(registry)
            .serialize("tandem.status.updates", update);

    assertThat(registry.getLatest("tandem.status.updates-value").id()).isEqualTo(4242);
    assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 0, 0, 0x10, 0x92);
    // The first field, provider "cloudflare": length 10 zig-zags to 0x14, then the UTF-8 bytes.
    assertThat(bytes[5]).isEqualTo((byte) 0x14);
    assertThat(new String(bytes, 6, 10, StandardCharsets.UTF_8)).isEqualTo("cloudflare");
  }

  @Test
  void keySerializerRegistersUnderTheTopicKeySubject() {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    GenericAvroSerializer serializer = new GenericAvroSerializer(registry);
    serializer.configure(Map.of(), true);

    serializer.serialize("tiny", tiny(1, "ab"));

    assertThat(registry.getLatest("tiny-key").schema()).isEqualTo(TINY);
  }

  private static GenericRecord tiny(int n, String s) {
    GenericRecord record = new GenericData.Record(TINY);
    record.put("n", n);
    record.put("s", s);
    return record;
  }
}
