package dev.tandem.docker;

import dev.tandem.pipeline.TandemSettings;
import dev.tandem.registry.RegistryClientConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Whether a {@code TANDEM_*} variable set in the container files names a setting someone reads: a
 * misspelt Kafka property in an environment would otherwise be passed to Kafka as it is and
 * ignored, with at most a warning in a container's log.
 */
final class SettingNames {

  /** Read by the entrypoint and by `demo`, not settings (TandemSettings leaves them out too). */
  private static final Set<String> NOT_SETTINGS =
      Set.of("TANDEM_JAVA_OPTS", "TANDEM_REGISTRY_HOME");

  private static final Set<String> CLIENT_PROPERTIES = clientProperties();

  private SettingNames() {}

  static boolean namesASetting(String variable) {
    if (NOT_SETTINGS.contains(variable)) {
      return true;
    }
    return TandemSettings.keyOf(variable)
        .map(
            key ->
                TandemSettings.isTandemKey(key)
                    ? TandemSettings.DEFINITION.configKeys().containsKey(key)
                        || TandemSettings.secretOfFile(key).isPresent()
                        || key.startsWith(TandemSettings.NOTIFY_PREFIX)
                    : CLIENT_PROPERTIES.contains(key))
        .orElse(false);
  }

  private static Set<String> clientProperties() {
    Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
    names.addAll(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    // The registry client's keys (Confluent's names) are its public String constants.
    for (Field field : RegistryClientConfig.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return Set.copyOf(names);
  }
}
