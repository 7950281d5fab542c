package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serde for GenericRecords in the Confluent wire format; same client rules as SpecificAvroSerde. */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final RegistryBinding registry;
    private final GenericAvroSerializer serializer;
    private final GenericAvroDeserializer deserializer;

    /** The client is built from the configs in {@link #configure} and closed by close(). */
    public GenericAvroSerde() {
        this(new RegistryBinding(null));
    }

    /** Uses {@code client}, which close() leaves open. */
    public GenericAvroSerde(SchemaRegistryClient client) {
        this(new RegistryBinding(Objects.requireNonNull(client, "client")));
    }

    private GenericAvroSerde(RegistryBinding registry) {
        this.registry = registry;
        this.serializer = new GenericAvroSerializer(registry, false);
        this.deserializer = new GenericAvroDeserializer(registry, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry.configure(configs);
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
        registry.close();
    }
}
