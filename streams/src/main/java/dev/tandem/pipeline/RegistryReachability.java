package dev.tandem.pipeline;

import dev.tandem.registry.RegistryClientConfig;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before the pipeline starts, that the schema registry answers: {@code GET /config} (the
 * global compatibility level, which every Confluent-compatible registry serves), tried again until
 * {@value TandemSettings#CONNECT_TIMEOUT_MS} runs out. Without it the pipeline reports RUNNING and
 * then fails on its first record.
 */
public final class RegistryReachability {

  private static final Logger log = LoggerFactory.getLogger(RegistryReachability.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

  private RegistryReachability() {}

  /**
   * Returns once the registry has answered; an answer other than 401/403, even an error, shows it
   * is there. Each attempt is bounded by what is left of {@code timeout}.
   */
  public static void check(RegistryClientConfig config, Duration timeout) {
    String urls = config.baseUrls().stream().map(URI::toString).collect(Collectors.joining(", "));
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    SchemaRegistryException last;
    while (true) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(bounded(config, left))) {
        client.getCompatibility(null);
        return;
      } catch (SchemaRegistryException e) {
        last = e;
        if (e.httpStatus() == 401 || e.httpStatus() == 403) {
          throw new Unreachable(
              "the schema registry at "
                  + urls
                  + " refused Tandem's credentials: HTTP "
                  + e.httpStatus()
                  + " (check basic.auth.user.info or bearer.auth.token)",
              e);
        }
        if (!e.unavailable()) {
          log.debug(
              "schema registry at {} answered GET /config with HTTP {}: it is there",
              urls,
              e.httpStatus());
          return;
        }
      }
      long leftNanos = deadline - System.nanoTime();
      if (leftNanos <= pause.toNanos()) {
        break;
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while checking the schema registry at " + urls, e);
      }
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
              ? Duration.ofSeconds(2)
              : pause.multipliedBy(2);
    }
    throw new Unreachable(
        "cannot reach the schema registry at "
            + urls
            + " within "
            + BrokerReachability.seconds(timeout)
            + " ("
            + describe(last)
            + ")",
        last);
  }

  /** The same registry with every attempt bounded by {@code left} and one attempt per URL. */
  private static RegistryClientConfig bounded(RegistryClientConfig c, Duration left) {
    Duration perAttempt = left.dividedBy(c.baseUrls().size());
    if (perAttempt.toMillis() < 100) {
      perAttempt = Duration.ofMillis(100);
    }
    if (perAttempt.compareTo(c.requestTimeout()) > 0) {
      perAttempt = c.requestTimeout();
    }
    return new RegistryClientConfig(
        c.baseUrls(),
        c.authorization(),
        c.autoRegisterSchemas(),
        c.useLatestVersion(),
        perAttempt,
        c.baseUrls().size() - 1,
        Duration.ZERO,
        Duration.ZERO,
        c.trustStore());
  }

  /**
   * "connection refused", "HTTP 503", "no answer within 2000 ms": what went wrong, without the URL
   * again.
   */
  static String describe(SchemaRegistryException e) {
    if (e.httpStatus() != -1) {
      return "HTTP " + e.httpStatus();
    }
    Throwable innermost = e;
    boolean refused = false;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "no answer to a TCP connection";
      }
      if (t instanceof HttpTimeoutException) {
        return "connected, but no HTTP answer in time";
      }
      refused |= t instanceof ConnectException;
      innermost = t;
    }
    if (refused) {
      return "connection refused";
    }
    if (innermost != e) {
      String message = innermost.getMessage();
      return message == null || message.isBlank()
          ? innermost.getClass().getSimpleName()
          : message.replaceAll("\\s*\\R\\s*", " ");
    }
    return e.getMessage();
  }
}
