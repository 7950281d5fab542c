package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one generated Avro record class in the Confluent wire format; its serializer and deserializer share
 * one registry client and may be used from many Kafka Streams threads at once.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final RegistryBinding registry;
    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    /** The client is built from the configs (schema.registry.url...) in {@link #configure} and closed by close(). */
    public SpecificAvroSerde(Class<T> type) {
        this(type, new RegistryBinding(null));
    }

    /**
     * Uses {@code client}, which close() leaves open. configure() still reads auto.register.schemas and
     * use.latest.version; without it the serde acts as a value serde with the defaults.
     */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
        this(type, new RegistryBinding(Objects.requireNonNull(client, "client")));
    }

    private SpecificAvroSerde(Class<T> type, RegistryBinding registry) {
        this.registry = registry;
        this.serializer = new SpecificAvroSerializer<>(registry, false);
        this.deserializer = new SpecificAvroDeserializer<>(type, registry, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry.configure(configs);
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
        registry.close();
    }
}
