package dev.tandem.pipeline;

import org.apache.kafka.common.config.AbstractConfig;

/**
 * Kafka's config providers ({@code config.providers=file,env} with {@code
 * config.providers.file.class=…}) let a client setting name its secret instead of holding it:
 * {@code ${file:/run/secrets/kafka:password}}, {@code ${env:KAFKA_PASSWORD}}. No client lists these
 * keys among its config names, so code that keeps only the keys a client knows must keep these too,
 * or the client would get the reference as the secret.
 */
public final class ConfigProviderSettings {

  private ConfigProviderSettings() {}

  /**
   * Whether {@code key} configures the config providers: {@code config.providers} or {@code
   * config.providers.…}.
   */
  public static boolean isProviderSetting(String key) {
    return key.equals(AbstractConfig.CONFIG_PROVIDERS_CONFIG)
        || key.startsWith(AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".");
  }
}
