package dev.tandem.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client settings come from Kafka-style config maps with Confluent's key names, and fail early when
 * wrong.
 */
class RegistryClientConfigTest {

  @Test
  void requiresTheRegistryUrl() {
    assertThatThrownBy(() -> RegistryClientConfig.from(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Missing required configuration \"schema.registry.url\"");
    assertThatThrownBy(() -> config("  "))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void appliesConfluentAndTandemDefaults() {
    RegistryClientConfig config = config("http://registry:8081");

    assertThat(config.baseUrls()).containsExactly(URI.create("http://registry:8081"));
    assertThat(config.authorization()).isNull();
    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.useLatestVersion()).isFalse();
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.trustStore()).isNull();
  }

  @Test
  void keepsTheBasePathOfEveryUrlInTheListAndDropsTrailingSlashes() {
    RegistryClientConfig config =
        config("http://a:8080/apis/ccompat/v7/, https://b/apis/ccompat/v7");

    assertThat(config.baseUrls())
        .containsExactly(
            URI.create("http://a:8080/apis/ccompat/v7"), URI.create("https://b/apis/ccompat/v7"));
  }

  @Test
  void takesBasicAuthFromTheUrlAndKeepsItOutOfTheRequestUrl() {
    RegistryClientConfig config =
        config("http://alice:s%40cret@registry:8081/base", "basic.auth.credentials.source", "URL");

    assertThat(config.baseUrls()).containsExactly(URI.create("http://registry:8081/base"));
    assertThat(config.authorization().headerValue()).isEqualTo("Basic " + base64("alice:s@cret"));
  }

  @Test
  void takesBasicAuthFromUserInfo() {
    RegistryClientConfig config =
        config(
            "http://registry",
            "basic.auth.credentials.source",
            "USER_INFO",
            "basic.auth.user.info",
            "bob:pa:ss");

    assertThat(config.authorization().headerValue()).isEqualTo("Basic " + base64("bob:pa:ss"));
    assertThat(config.toString()).doesNotContain("pa:ss").doesNotContain(base64("bob:pa:ss"));
  }

  @Test
  void readsTheCredentialsAndTrustStorePasswordFromAFileThroughKafkasConfigProviders(
      @TempDir Path dir) throws IOException {
    Path secrets =
        Files.writeString(
            dir.resolve("registry.properties"),
            "user.info=carol:from-a-file\ntruststore.password=store-secret\n");
    Map<String, Object> configs = new HashMap<>();
    configs.put("config.providers", "file");
    configs.put(
        "config.providers.file.class",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    configs.put("schema.registry.url", "https://registry");
    configs.put("basic.auth.user.info", "${file:" + secrets + ":user.info}");
    configs.put("schema.registry.ssl.truststore.location", "/etc/tandem/truststore.p12");
    configs.put(
        "schema.registry.ssl.truststore.password", "${file:" + secrets + ":truststore.password}");

    RegistryClientConfig config = RegistryClientConfig.from(configs);

    assertThat(config.authorization().headerValue())
        .isEqualTo("Basic " + base64("carol:from-a-file"));
    assertThat(config.trustStore().password().value()).isEqualTo("store-secret");
  }

  @Test
  void takesAStaticBearerToken() {
    RegistryClientConfig config =
        config(
            "http://registry",
            "bearer.auth.credentials.source",
            "STATIC_TOKEN",
            "bearer.auth.token",
            "t0ken");

    assertThat(config.authorization().headerValue()).isEqualTo("Bearer t0ken");
    assertThat(config.toString()).doesNotContain("t0ken");
  }

  @Test
  void refusesContradictoryOrIncompleteAuth() {
    assertThatThrownBy(
            () ->
                config(
                    "http://registry",
                    "basic.auth.user.info",
                    "bob:pw",
                    "bearer.auth.credentials.source",
                    "STATIC_TOKEN",
                    "bearer.auth.token",
                    "t"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("choose one");
    assertThatThrownBy(
            () -> config("http://registry", "bearer.auth.credentials.source", "STATIC_TOKEN"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bearer.auth.token");
    assertThatThrownBy(
            () ->
                config(
                    "http://registry",
                    "basic.auth.credentials.source",
                    "USER_INFO",
                    "basic.auth.user.info",
                    "no-colon"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("user:password");
    assertThatThrownBy(
            () -> config("http://registry", "basic.auth.credentials.source", "SASL_INHERIT"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SASL_INHERIT");
  }

  @Test
  void refusesUrlsThatAreNotHttp() {
    assertThatThrownBy(() -> config("registry:8081"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http://");
    assertThatThrownBy(() -> config("mock://scope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("mock://scope");
  }

  @Test
  void readsTandemKnobsFromStringsOrNumbers() {
    RegistryClientConfig config =
        config(
            "http://registry",
            "schema.registry.request.timeout.ms",
            "2500",
            "schema.registry.max.retries",
            0,
            "schema.registry.retry.backoff.ms",
            50L,
            "auto.register.schemas",
            "false",
            "use.latest.version",
            true);

    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.maxRetries()).isZero();
    assertThat(config.retryBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.autoRegisterSchemas()).isFalse();
    assertThat(config.useLatestVersion()).isTrue();
    assertThatThrownBy(() -> config("http://registry", "schema.registry.max.retries", "-1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.max.retries");
  }

  @Test
  void backoffDoublesUpToTheCap() {
    RegistryTransport transport =
        new RegistryTransport(
            config(
                "http://registry",
                "schema.registry.retry.backoff.ms",
                200,
                "schema.registry.retry.backoff.max.ms",
                1000));

    assertThat(transport.backoff(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(transport.backoff(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(transport.backoff(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(transport.backoff(4)).isEqualTo(Duration.ofMillis(1000));
    assertThat(transport.backoff(60)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void refusesATrustStoreThatCannotBeLoaded() {
    assertThatThrownBy(
            () ->
                RestSchemaRegistryClient.fromConfigs(
                    Map.of(
                        "schema.registry.url",
                        "https://registry",
                        "schema.registry.ssl.truststore.location",
                        "/nonexistent/truststore.jks")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.truststore.location");
  }

  /** The client config of a registry at {@code url} with these further settings, key then value. */
  private static RegistryClientConfig config(String url, Object... keysAndValues) {
    Map<String, Object> configs = new HashMap<>();
    configs.put("schema.registry.url", url);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      configs.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return RegistryClientConfig.from(configs);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
