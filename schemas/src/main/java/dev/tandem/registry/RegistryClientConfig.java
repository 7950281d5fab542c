package dev.tandem.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach the Schema Registry, read from the same config map as the serdes with Confluent's
 * key names, plus Tandem's own timeout/retry knobs (prefixed {@code schema.registry.}).
 *
 * @param baseUrls registry base URLs without user info or trailing slash, base path kept (e.g.
 *     {@code http://host:8080/apis/ccompat/v7}); the first is used until it fails to connect
 * @param authorization the Authorization header to send, or null for none
 * @param requestTimeout connect and response timeout of one attempt
 * @param maxRetries extra attempts after a connection failure, timeout, HTTP 5xx or 429
 * @param retryBackoff wait before the first retry; doubles per retry up to {@code maxRetryBackoff}
 * @param trustStore trust store for HTTPS, or null for the JDK default (javax.net.ssl.* system
 *     properties)
 */
public record RegistryClientConfig(
    List<URI> baseUrls,
    Authorization authorization,
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBackoff,
    Duration maxRetryBackoff,
    TrustStore trustStore) {

  /** Comma-separated registry base URLs (Confluent). Required. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** URL (user info of the registry URL, the default) or USER_INFO (Confluent). */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";

  /** "user:password" for Basic auth with source USER_INFO (Confluent). */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** STATIC_TOKEN to send {@code bearer.auth.token} as a Bearer token (Confluent). */
  public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";

  /** The Bearer token for source STATIC_TOKEN (Confluent). */
  public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";

  /** Whether serializers register their schema (Confluent; default true). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /**
   * Whether serializers write with the subject's latest schema when not auto-registering
   * (Confluent; default false).
   */
  public static final String USE_LATEST_VERSION = "use.latest.version";

  /** Tandem: timeout of one request attempt in ms (default 10000). */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  /** Tandem: retries after connection failures, timeouts, HTTP 5xx and 429 (default 3). */
  public static final String MAX_RETRIES = "schema.registry.max.retries";

  /** Tandem: first retry backoff in ms, doubled on every further retry (default 200). */
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

  /** Tandem: cap of the exponential retry backoff in ms (default 5000). */
  public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

  /** Trust store file for HTTPS; unset means the JDK default SSLContext. */
  public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

  /** Trust store password, if the store has one. */
  public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";

  /** Trust store type (default JKS; PKCS12 files load as JKS too). */
  public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

  private static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              SCHEMA_REGISTRY_URL,
              Type.LIST,
              "",
              Importance.HIGH,
              "Comma-separated Schema Registry base URLs, base path included, e.g. "
                  + "http://127.0.0.1:8080/apis/ccompat/v7. The first is used; the next ones on connection errors.")
          .define(
              BASIC_AUTH_CREDENTIALS_SOURCE,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "URL: Basic auth from the URL's user info. USER_INFO: from basic.auth.user.info. "
                  + "Unset: USER_INFO when basic.auth.user.info is set, else URL.")
          .define(
              BASIC_AUTH_USER_INFO,
              Type.PASSWORD,
              null,
              Importance.MEDIUM,
              "user:password for Basic auth.")
          .define(
              BEARER_AUTH_CREDENTIALS_SOURCE,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "STATIC_TOKEN to authenticate with bearer.auth.token.")
          .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM, "Bearer token.")
          .define(
              AUTO_REGISTER_SCHEMAS,
              Type.BOOLEAN,
              true,
              Importance.MEDIUM,
              "Whether serializers register their writer schema.")
          .define(
              USE_LATEST_VERSION,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              "Whether serializers that do not auto-register write with the subject's latest schema.")
          .define(
              REQUEST_TIMEOUT_MS,
              Type.LONG,
              10_000L,
              Range.atLeast(1),
              Importance.LOW,
              "Connect and response timeout of one registry request attempt, in ms.")
          .define(
              MAX_RETRIES,
              Type.INT,
              3,
              Range.atLeast(0),
              Importance.LOW,
              "Retries after connection failures, timeouts, HTTP 5xx and 429. 4xx is never retried.")
          .define(
              RETRY_BACKOFF_MS,
              Type.LONG,
              200L,
              Range.atLeast(0),
              Importance.LOW,
              "Backoff before the first retry, in ms; doubled for every further retry.")
          .define(
              RETRY_BACKOFF_MAX_MS,
              Type.LONG,
              5_000L,
              Range.atLeast(0),
              Importance.LOW,
              "Cap of the retry backoff, in ms.")
          .define(
              SSL_TRUSTSTORE_LOCATION,
              Type.STRING,
              null,
              Importance.LOW,
              "Trust store for HTTPS; unset means the JDK default (javax.net.ssl.trustStore).")
          .define(
              SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Trust store password.")
          .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", Importance.LOW, "Trust store type.");

  public RegistryClientConfig {
    baseUrls = List.copyOf(Objects.requireNonNull(baseUrls, "baseUrls"));
    if (baseUrls.isEmpty()) {
      throw new ConfigException("At least one Schema Registry base URL is required");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
    if (maxRetries < 0) {
      throw new ConfigException(MAX_RETRIES, maxRetries, "must not be negative");
    }
  }

  /** Every key this config (and the serdes) understand, with defaults and documentation. */
  public static ConfigDef definition() {
    return DEFINITION;
  }

  /**
   * Reads a Kafka-style config map; throws ConfigException naming the key when something is missing
   * or wrong. Like a Kafka client, resolves references to Kafka config providers first, so the
   * credentials and the trust store password can come from a file or the environment: {@code
   * config.providers=file,env} with {@code
   * basic.auth.user.info=${file:/run/secrets/registry.properties:user.info}} or {@code
   * ${env:REGISTRY_USER_INFO}}.
   */
  public static RegistryClientConfig from(Map<String, ?> configs) {
    Map<String, Object> values =
        new HashMap<>(new AbstractConfig(DEFINITION, configs, false).values());
    List<URI> urls = new ArrayList<>();
    List<String> userInfos = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<String> rawUrls = (List<String>) values.get(SCHEMA_REGISTRY_URL);
    for (String raw : rawUrls) {
      if (raw.isBlank()) {
        continue;
      }
      URI uri = baseUrl(raw.trim());
      if (uri.getUserInfo() != null) {
        userInfos.add(uri.getUserInfo());
      }
      urls.add(withoutUserInfo(uri));
    }
    if (urls.isEmpty()) {
      throw new ConfigException(
          "Missing required configuration \""
              + SCHEMA_REGISTRY_URL
              + "\": the Schema Registry base URL, e.g. http://127.0.0.1:8081 or "
              + "http://127.0.0.1:8080/apis/ccompat/v7 for Apicurio");
    }
    return new RegistryClientConfig(
        urls,
        authorization(values, userInfos),
        (Boolean) values.get(AUTO_REGISTER_SCHEMAS),
        (Boolean) values.get(USE_LATEST_VERSION),
        Duration.ofMillis((Long) values.get(REQUEST_TIMEOUT_MS)),
        (Integer) values.get(MAX_RETRIES),
        Duration.ofMillis((Long) values.get(RETRY_BACKOFF_MS)),
        Duration.ofMillis((Long) values.get(RETRY_BACKOFF_MAX_MS)),
        trustStore(values));
  }

  private static URI baseUrl(String raw) {
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, raw, "not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, raw, "must start with http:// or https://");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, raw, "has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, raw, "must not have a query or fragment");
    }
    return uri;
  }

  // Credentials must not leak into logged request URLs, and the JDK client would not send them
  // anyway.
  private static URI withoutUserInfo(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    return URI.create(
        uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path);
  }

  private static Authorization authorization(
      Map<String, Object> values, List<String> urlUserInfos) {
    Authorization basic = basicAuthorization(values, urlUserInfos);
    String bearerSource = (String) values.get(BEARER_AUTH_CREDENTIALS_SOURCE);
    if (bearerSource == null || bearerSource.isBlank()) {
      return basic;
    }
    if (!bearerSource.trim().equalsIgnoreCase("STATIC_TOKEN")) {
      throw new ConfigException(
          BEARER_AUTH_CREDENTIALS_SOURCE, bearerSource, "only STATIC_TOKEN is supported");
    }
    if (basic != null) {
      throw new ConfigException(
          "Both Basic auth ("
              + BASIC_AUTH_CREDENTIALS_SOURCE
              + ") and Bearer auth ("
              + BEARER_AUTH_CREDENTIALS_SOURCE
              + ") are configured for the Schema Registry; choose one");
    }
    Password token = (Password) values.get(BEARER_AUTH_TOKEN);
    if (token == null || token.value().isBlank()) {
      throw new ConfigException(
          "Missing required configuration \""
              + BEARER_AUTH_TOKEN
              + "\" for "
              + BEARER_AUTH_CREDENTIALS_SOURCE
              + "=STATIC_TOKEN");
    }
    return new Authorization("Bearer", token.value().trim());
  }

  private static Authorization basicAuthorization(
      Map<String, Object> values, List<String> urlUserInfos) {
    Password userInfo = (Password) values.get(BASIC_AUTH_USER_INFO);
    String source = (String) values.get(BASIC_AUTH_CREDENTIALS_SOURCE);
    if (source == null || source.isBlank()) {
      // Confluent defaults to URL and silently ignores a user info given without a source; we do
      // not.
      source = userInfo != null ? "USER_INFO" : "URL";
    }
    switch (source.trim().toUpperCase(Locale.ROOT)) {
      case "URL":
        if (urlUserInfos.isEmpty()) {
          return null;
        }
        return Authorization.basic(urlUserInfos.get(0));
      case "USER_INFO":
        if (userInfo == null || !userInfo.value().contains(":")) {
          throw new ConfigException(
              "\""
                  + BASIC_AUTH_USER_INFO
                  + "\" must be \"user:password\" when "
                  + BASIC_AUTH_CREDENTIALS_SOURCE
                  + "=USER_INFO");
        }
        return Authorization.basic(userInfo.value());
      default:
        throw new ConfigException(
            BASIC_AUTH_CREDENTIALS_SOURCE, source, "only URL and USER_INFO are supported");
    }
  }

  private static TrustStore trustStore(Map<String, Object> values) {
    String location = (String) values.get(SSL_TRUSTSTORE_LOCATION);
    if (location == null || location.isBlank()) {
      return null;
    }
    return new TrustStore(
        location.trim(),
        (Password) values.get(SSL_TRUSTSTORE_PASSWORD),
        (String) values.get(SSL_TRUSTSTORE_TYPE));
  }

  /** An Authorization header value; its toString never shows the secret. */
  public record Authorization(String scheme, String credentials) {

    public Authorization {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(credentials, "credentials");
    }

    /** Basic auth from "user:password". */
    public static Authorization basic(String userColonPassword) {
      return new Authorization(
          "Basic",
          Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)));
    }

    public String headerValue() {
      return scheme + " " + credentials;
    }

    @Override
    public String toString() {
      return "Authorization[" + scheme + " [hidden]]";
    }
  }

  /**
   * A trust store file for HTTPS to the registry; the password is a Kafka Password so it never
   * prints.
   */
  public record TrustStore(String location, Password password, String type) {

    public TrustStore {
      Objects.requireNonNull(location, "location");
      type = type == null || type.isBlank() ? "JKS" : type.trim();
    }
  }
}
