/**
 * Avro serdes in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary), compatible byte for byte with Confluent's KafkaAvroSerializer/Deserializer.
 *
 * <pre>{@code
 * var serde = new SpecificAvroSerde<>(StatusUpdate.class);
 * serde.configure(Map.of("schema.registry.url", "http://127.0.0.1:8080/apis/ccompat/v7"), false);
 *
 * // Tests: share one in-memory registry between serdes; no configure() needed for value serdes.
 * var registry = new InMemorySchemaRegistryClient();
 * var testSerde = new SpecificAvroSerde<>(StatusUpdate.class, registry);
 * }</pre>
 */
package dev.tandem.serde;
