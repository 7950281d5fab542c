package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format under subject {@code
 * <topic>-key|value}. The schema id comes from registering the record's schema ({@code
 * auto.register.schemas}, default), from the subject's latest version ({@code use.latest.version},
 * cached until reconfigured), or from looking the schema up.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final AvroFrameWriter frames;

  /**
   * For Kafka's class-name instantiation: the client is built from the configs in {@link
   * #configure}.
   */
  public SpecificAvroSerializer() {
    this(new RegistryBinding(null), true);
  }

  /** Uses {@code client} and never closes it; works without configure() as a value serializer. */
  public SpecificAvroSerializer(SchemaRegistryClient client) {
    this(new RegistryBinding(Objects.requireNonNull(client, "client")), true);
  }

  SpecificAvroSerializer(RegistryBinding registry, boolean closesRegistry) {
    this.frames =
        new AvroFrameWriter(registry, closesRegistry, SpecificAvroSerializer::datumWriter);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    frames.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    return record == null ? null : frames.write(topic, record.getSchema(), record);
  }

  @Override
  public void close() {
    frames.close();
  }

  // The generated class's own SpecificData carries its logical-type conversions (Instant for
  // timestamp-millis).
  private static DatumWriter<Object> datumWriter(Schema schema, Object record) {
    return new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass()));
  }
}
