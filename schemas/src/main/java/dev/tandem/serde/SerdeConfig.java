package dev.tandem.serde;

import dev.tandem.registry.RegistryClientConfig;
import java.util.Map;

/** How a serializer picks the schema it writes with, read with Confluent's key names. */
record SerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion) {

  static final SerdeConfig DEFAULTS = new SerdeConfig(true, false);

  /** Reads the keys without requiring schema.registry.url, so an injected client needs no URL. */
  static SerdeConfig from(Map<String, ?> configs) {
    Map<String, Object> values = RegistryClientConfig.definition().parse(configs);
    return new SerdeConfig(
        (Boolean) values.get(RegistryClientConfig.AUTO_REGISTER_SCHEMAS),
        (Boolean) values.get(RegistryClientConfig.USE_LATEST_VERSION));
  }
}
