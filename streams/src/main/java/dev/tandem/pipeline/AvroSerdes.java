package dev.tandem.pipeline;

import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes value serdes for the pipeline's Avro types, all sharing one registry client and its caches.
 */
public final class AvroSerdes {

  private final SchemaRegistryClient registry;
  private final Map<String, ?> config;

  /**
   * @param config serde settings in Confluent's names (auto.register.schemas, use.latest.version)
   */
  public AvroSerdes(SchemaRegistryClient registry, Map<String, ?> config) {
    this.registry = registry;
    this.config = config;
  }

  public <T extends SpecificRecord> Serde<T> forValues(Class<T> type) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, registry);
    serde.configure(config, false);
    return serde;
  }
}
