package dev.tandem.serde;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer and deserializer pair that share one registry binding: configuring the serde
 * configures the binding once, closing it closes the binding (and its client, if the serde built
 * it).
 */
abstract class RegistrySerde<T> extends Serdes.WrapperSerde<T> {

  private final RegistryBinding registry;

  RegistrySerde(RegistryBinding registry, Serializer<T> serializer, Deserializer<T> deserializer) {
    super(serializer, deserializer);
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    registry.configure(configs);
    super.configure(configs, isKey);
  }

  @Override
  public void close() {
    super.close();
    registry.close();
  }
}
