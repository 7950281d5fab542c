package dev.tandem.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JSON requests to the registry: auth header, per-attempt timeout, bounded exponential
 * retries on connection failures, 5xx and 429, and fail-over to the next base URL when one cannot
 * be reached.
 */
final class RegistryTransport {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  // Confluent's own client sends this, so registries that negotiate content types answer in the v1
  // format.
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);

  private final RegistryClientConfig config;
  private final HttpClient http;

  /**
   * Index of the base URL in use; sticky, so once failed over every request goes to the one that
   * answered.
   */
  private final AtomicInteger activeUrl = new AtomicInteger();

  /**
   * Failed attempts since the registry last answered, 0 while it answers. The first failure of an
   * outage is a warning; the rest are DEBUG, and the first answer after them says how long the
   * outage was, so a registry that stays down costs two log lines, not one per retry.
   */
  private final AtomicLong failedAttempts = new AtomicLong();

  private volatile long failingSinceNanos;

  RegistryTransport(RegistryClientConfig config) {
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // HTTP/1.1 because an h2c upgrade attempt on plain http confuses some proxies and
            // servers.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (config.trustStore() != null) {
      builder.sslContext(sslContext(config.trustStore()));
    }
    this.http = builder.build();
  }

  RegistryReply send(RegistryRequest request) {
    int attempts = config.maxRetries() + 1;
    for (int attempt = 1; ; attempt++) {
      int urlIndex = activeUrl.get();
      String url = config.baseUrls().get(urlIndex) + request.path();
      HttpResponse<String> response;
      try {
        response = http.send(httpRequest(url, request), BodyHandlers.ofString());
      } catch (IOException e) {
        failOver(urlIndex);
        failed();
        if (attempt >= attempts) {
          throw SchemaRegistryException.unreachable(
              request.method(), url, request.subject(), attempt, e);
        }
        pause(request, url, attempt, attempts, e.toString());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw SchemaRegistryException.interrupted(request.method(), url, request.subject(), e);
      }
      int status = response.statusCode();
      if (isTransient(status)) {
        failed();
        if (attempt < attempts) {
          pause(request, url, attempt, attempts, "HTTP " + status);
          continue;
        }
        throw rejection(request, url, status, response.body(), attempt);
      }
      answered(urlIndex);
      if (status >= 200 && status < 300) {
        return reply(request, url, status, response.body());
      }
      throw rejection(request, url, status, response.body(), attempt);
    }
  }

  private HttpRequest httpRequest(String url, RegistryRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT);
    if (config.authorization() != null) {
      builder.header("Authorization", config.authorization().headerValue());
    }
    if (request.jsonBody() == null) {
      builder.method(request.method(), BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", CONTENT_TYPE)
          .method(request.method(), BodyPublishers.ofString(request.jsonBody()));
    }
    return builder.build();
  }

  private void failOver(int failedIndex) {
    int count = config.baseUrls().size();
    if (count > 1 && activeUrl.compareAndSet(failedIndex, (failedIndex + 1) % count)) {
      LOG.warn(
          "Schema Registry {} unreachable, failing over to {}",
          config.baseUrls().get(failedIndex),
          config.baseUrls().get((failedIndex + 1) % count));
    }
  }

  private void failed() {
    if (failedAttempts.getAndIncrement() == 0) {
      failingSinceNanos = System.nanoTime();
    }
  }

  private void answered(int urlIndex) {
    long failures = failedAttempts.getAndSet(0);
    if (failures > 0) {
      long seconds = Duration.ofNanos(System.nanoTime() - failingSinceNanos).toSeconds();
      LOG.info(
          "Schema Registry {} answers again, after {} failed {} over {} s",
          config.baseUrls().get(urlIndex),
          failures,
          failures == 1 ? "attempt" : "attempts",
          seconds);
    }
  }

  private void pause(
      RegistryRequest request, String url, int attempt, int attempts, String reason) {
    Duration delay = backoff(attempt);
    if (failedAttempts.get() <= 1) {
      LOG.warn(
          "Schema Registry {} {} failed with {} (attempt {} of {}), retrying in {} ms; further failures are"
              + " logged at DEBUG until it answers again",
          request.method(),
          url,
          reason,
          attempt,
          attempts,
          delay.toMillis());
    } else {
      LOG.debug(
          "Schema Registry {} {} failed with {} (attempt {} of {}), retrying in {} ms",
          request.method(),
          url,
          reason,
          attempt,
          attempts,
          delay.toMillis());
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SchemaRegistryException.interrupted(request.method(), url, request.subject(), e);
    }
  }

  /**
   * Backoff before retry number {@code attempt}: doubles each time, never above the configured cap.
   */
  Duration backoff(int attempt) {
    long cap = config.maxRetryBackoff().toMillis();
    long delay = config.retryBackoff().toMillis();
    for (int retry = 1; retry < attempt && delay < cap; retry++) {
      delay *= 2;
    }
    return Duration.ofMillis(Math.min(delay, cap));
  }

  private static boolean isTransient(int status) {
    return status >= 500 || status == 429;
  }

  private static RegistryReply reply(RegistryRequest request, String url, int status, String body) {
    if (body == null || body.isBlank()) {
      return new RegistryReply(request, url, status, MissingNode.getInstance());
    }
    try {
      return new RegistryReply(request, url, status, JSON.readTree(body));
    } catch (IOException e) {
      throw SchemaRegistryException.malformedResponse(
          request.method(),
          url,
          request.subject(),
          status,
          "body is not JSON: " + SchemaRegistryException.excerpt(body),
          e);
    }
  }

  private static SchemaRegistryException rejection(
      RegistryRequest request, String url, int status, String body, int attempts) {
    int errorCode = -1;
    String message = SchemaRegistryException.excerpt(body);
    try {
      JsonNode error = body == null || body.isBlank() ? null : JSON.readTree(body);
      if (error != null && error.isObject()) {
        JsonNode code = error.get("error_code");
        if (code != null && code.canConvertToInt()) {
          errorCode = code.asInt();
        }
        JsonNode text = error.get("message");
        if (text != null && text.isTextual()) {
          message = text.asText();
        }
      }
    } catch (IOException e) {
      // Not JSON (a proxy's HTML page, say): the excerpt already tells the story.
    }
    return SchemaRegistryException.rejected(
        request.method(), url, request.subject(), status, errorCode, message, attempts);
  }

  private static SSLContext sslContext(RegistryClientConfig.TrustStore store) {
    try (InputStream in = Files.newInputStream(Path.of(store.location()))) {
      KeyStore keyStore = KeyStore.getInstance(store.type());
      keyStore.load(in, store.password() == null ? null : store.password().value().toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keyStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          RegistryClientConfig.SSL_TRUSTSTORE_LOCATION,
          store.location(),
          "cannot load the " + store.type() + " trust store: " + e);
    }
  }
}
