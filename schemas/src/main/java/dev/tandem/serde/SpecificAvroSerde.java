package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serde for one generated Avro record class in the Confluent wire format; its serializer and
 * deserializer share one registry client and may be used from many Kafka Streams threads at once.
 */
public class SpecificAvroSerde<T extends SpecificRecord> extends RegistrySerde<T> {

  /**
   * The client is built from the configs (schema.registry.url...) in {@link #configure} and closed
   * by close().
   */
  public SpecificAvroSerde(Class<T> type) {
    this(type, new RegistryBinding(null));
  }

  /**
   * Uses {@code client}, which close() leaves open. configure() still reads auto.register.schemas
   * and use.latest.version; without it the serde acts as a value serde with the defaults.
   */
  public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
    this(type, new RegistryBinding(Objects.requireNonNull(client, "client")));
  }

  private SpecificAvroSerde(Class<T> type, RegistryBinding registry) {
    super(
        registry,
        new SpecificAvroSerializer<>(registry, false),
        new SpecificAvroDeserializer<>(type, registry, false));
  }
}
