package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/**
 * Serde for GenericRecords in the Confluent wire format; same client rules as SpecificAvroSerde.
 */
public class GenericAvroSerde extends RegistrySerde<GenericRecord> {

  /** The client is built from the configs in {@link #configure} and closed by close(). */
  public GenericAvroSerde() {
    this(new RegistryBinding(null));
  }

  /** Uses {@code client}, which close() leaves open. */
  public GenericAvroSerde(SchemaRegistryClient client) {
    this(new RegistryBinding(Objects.requireNonNull(client, "client")));
  }

  private GenericAvroSerde(RegistryBinding registry) {
    super(
        registry,
        new GenericAvroSerializer(registry, false),
        new GenericAvroDeserializer(registry, false));
  }
}
