package dev.tandem.serde;

import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import java.util.Map;

/**
 * The registry client of a serializer, deserializer or serde: injected (never closed here) or built
 * from the configs on first configure (closed here). A serde shares one binding with its serializer
 * and deserializer.
 */
final class RegistryBinding {

  private SchemaRegistryClient client;
  private boolean owned;

  RegistryBinding(SchemaRegistryClient injected) {
    this.client = injected;
  }

  synchronized void configure(Map<String, ?> configs) {
    if (client == null) {
      client = RestSchemaRegistryClient.fromConfigs(configs);
      owned = true;
    }
  }

  synchronized SchemaRegistryClient client() {
    if (client == null) {
      throw new IllegalStateException(
          "No Schema Registry client: call configure(configs, isKey) with "
              + "schema.registry.url first, or pass a SchemaRegistryClient to the constructor");
    }
    return client;
  }

  synchronized void close() {
    if (owned && client != null) {
      client.close();
      client = null;
      owned = false;
    }
  }
}
