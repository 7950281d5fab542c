package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes GenericRecords in the Confluent wire format, with each record's own schema (see
 * SpecificAvroSerializer).
 */
public class GenericAvroSerializer implements Serializer<GenericRecord> {

  private final AvroFrameWriter frames;

  /**
   * For Kafka's class-name instantiation: the client is built from the configs in {@link
   * #configure}.
   */
  public GenericAvroSerializer() {
    this(new RegistryBinding(null), true);
  }

  /** Uses {@code client} and never closes it; works without configure() as a value serializer. */
  public GenericAvroSerializer(SchemaRegistryClient client) {
    this(new RegistryBinding(Objects.requireNonNull(client, "client")), true);
  }

  GenericAvroSerializer(RegistryBinding registry, boolean closesRegistry) {
    this.frames =
        new AvroFrameWriter(
            registry,
            closesRegistry,
            (schema, record) -> new GenericDatumWriter<>(schema, GenericData.get()));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    frames.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, GenericRecord record) {
    return record == null ? null : frames.write(topic, record.getSchema(), record);
  }

  @Override
  public void close() {
    frames.close();
  }
}
