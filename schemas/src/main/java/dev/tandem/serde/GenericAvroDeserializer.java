package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro records as GenericRecords with the writer's own schema; strings
 * arrive as Utf8 unless the schema marks them {@code "avro.java.string": "String"}, as generated
 * contracts do.
 */
public class GenericAvroDeserializer implements Deserializer<GenericRecord> {

  private final AvroFrameReader frames;

  /**
   * For Kafka's class-name instantiation: the client is built from the configs in {@link
   * #configure}.
   */
  public GenericAvroDeserializer() {
    this(new RegistryBinding(null), true);
  }

  /** Uses {@code client} and never closes it; works without configure(). */
  public GenericAvroDeserializer(SchemaRegistryClient client) {
    this(new RegistryBinding(Objects.requireNonNull(client, "client")), true);
  }

  GenericAvroDeserializer(RegistryBinding registry, boolean closesRegistry) {
    this.frames =
        new AvroFrameReader(
            registry,
            closesRegistry,
            writerSchema ->
                new GenericDatumReader<>(writerSchema, writerSchema, GenericData.get()));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    frames.configure(configs, isKey);
  }

  @Override
  public GenericRecord deserialize(String topic, byte[] data) {
    Object value = frames.read(topic, data);
    if (value == null || value instanceof GenericRecord) {
      return (GenericRecord) value;
    }
    throw new SerializationException(
        "Value from topic '"
            + topic
            + "' is a "
            + value.getClass().getName()
            + ", not an Avro record");
  }

  @Override
  public void close() {
    frames.close();
  }
}
