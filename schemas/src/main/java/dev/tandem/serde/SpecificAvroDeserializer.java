package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into a generated record class, resolving the writer's schema (by id)
 * against the class's schema, so a reader on an older or newer compatible version of the contract
 * still reads the data.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> type;
  private final AvroFrameReader frames;

  /** The client is built from the configs in {@link #configure}. */
  public SpecificAvroDeserializer(Class<T> type) {
    this(type, new RegistryBinding(null), true);
  }

  /** Uses {@code client} and never closes it; works without configure() as a value deserializer. */
  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this(type, new RegistryBinding(Objects.requireNonNull(client, "client")), true);
  }

  SpecificAvroDeserializer(Class<T> type, RegistryBinding registry, boolean closesRegistry) {
    this.type = Objects.requireNonNull(type, "type");
    // From the generated class's MODEL$, not SpecificData.get(): only it converts timestamp-millis
    // into Instant.
    SpecificData model = new PlainListSpecificData(SpecificData.getForClass(type));
    Schema readerSchema = SpecificData.getForClass(type).getSchema(type);
    this.frames =
        new AvroFrameReader(
            registry,
            closesRegistry,
            writerSchema -> new SpecificDatumReader<>(writerSchema, readerSchema, model));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    frames.configure(configs, isKey);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    Object value = frames.read(topic, data);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw new SerializationException(
        "Record from topic '"
            + topic
            + "' decoded as "
            + value.getClass().getName()
            + ", not "
            + type.getName()
            + ": is the class's schema name the one it was written with?");
  }

  @Override
  public void close() {
    frames.close();
  }
}
