package dev.tandem.pipeline;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Checks, before a command starts its real clients, that the Kafka brokers answer: an Admin {@code
 * describeCluster} bounded by {@value TandemSettings#CONNECT_TIMEOUT_MS} (15 s by default). Kafka's
 * own clients would otherwise retry for a minute or more and end with "Timed out waiting for a node
 * assignment" or "Topic … not present in metadata", which never says that the brokers could not be
 * reached.
 */
public final class BrokerReachability {

  /**
   * The client id of the check; {@code ConnectCheckLogFilter} keeps its retry warnings out of the
   * log.
   */
  public static final String CLIENT_ID = "tandem-connect-check";

  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

  private BrokerReachability() {}

  /**
   * Returns once a broker of {@code bootstrap.servers} has answered; throws {@link Unreachable}
   * after {@code timeout}. Security settings (SASL, TLS) in {@code clientSettings} are used as
   * given; settings no Admin client knows are ignored.
   */
  public static void check(Map<String, ?> clientSettings, Duration timeout) {
    Object servers = clientSettings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    if (servers == null || String.valueOf(servers).isBlank()) {
      throw new ConfigException("Missing required configuration 'bootstrap.servers'");
    }
    String bootstrap = String.valueOf(servers).trim();
    // One budget for everything: creating the client (a second or more in a cold JVM), waiting, and
    // the TCP probe that explains a failure.
    long deadline = System.nanoTime() + timeout.toNanos();
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> props = adminSettings(clientSettings);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    // Every wait inside the client fits the budget: no call may outlive it.
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    props.put(
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 10_000));
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, Math.min(millis, 1_000));
    String within = " within " + seconds(timeout);
    Admin admin;
    try {
      admin = Admin.create(props);
    } catch (KafkaException e) {
      // An address that does not resolve fails here, before any connection is tried.
      throw new Unreachable(
          "cannot reach the Kafka brokers at " + bootstrap + " (" + innermost(e) + ")", e);
    }
    long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    int waitMillis =
        (int)
            Math.max(
                100,
                Math.min(
                    Integer.MAX_VALUE,
                    left > 4 * PROBE_TIMEOUT.toMillis() ? left - PROBE_TIMEOUT.toMillis() : left));
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(waitMillis))
          .nodes()
          .get(waitMillis + 1_000L, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      // Refusals are final: saying so at once beats retrying until the timeout with the same
      // secret.
      if (cause instanceof SslAuthenticationException) {
        throw new Unreachable(
            "the TLS handshake with the Kafka brokers at "
                + bootstrap
                + " failed: "
                + innermost(cause),
            cause);
      }
      if (cause instanceof AuthenticationException) {
        throw new Unreachable(
            "the Kafka brokers at "
                + bootstrap
                + " refused the credentials: "
                + oneLine(cause.getMessage()),
            cause);
      }
      if (cause instanceof AuthorizationException) {
        throw new Unreachable(
            "the Kafka brokers at " + bootstrap + " refused access: " + oneLine(cause.getMessage()),
            cause);
      }
      throw new Unreachable(
          "cannot reach the Kafka brokers at "
              + bootstrap
              + within
              + " ("
              + diagnose(bootstrap)
              + ")",
          cause);
    } catch (TimeoutException e) {
      throw new Unreachable(
          "cannot reach the Kafka brokers at "
              + bootstrap
              + within
              + " ("
              + diagnose(bootstrap)
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException(
          "interrupted while connecting to the Kafka brokers at " + bootstrap, e);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  /**
   * The settings of {@code clientSettings} that an Admin client reads: its own, and the {@linkplain
   * ConfigProviderSettings config providers} that resolve secrets referenced in them.
   */
  public static Map<String, Object> adminSettings(Map<?, ?> clientSettings) {
    Map<String, Object> props = new HashMap<>();
    Set<String> adminKeys = AdminClientConfig.configNames();
    clientSettings.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          if (adminKeys.contains(name) || ConfigProviderSettings.isProviderSetting(name)) {
            props.put(name, value);
          }
        });
    return props;
  }

  /**
   * Why the brokers did not answer, as far as a plain TCP connection to each bootstrap address can
   * tell: refused, unknown host, no answer, or connected (then it is not Kafka, or it wants
   * TLS/SASL).
   */
  static String diagnose(String bootstrap) {
    List<CompletableFuture<String>> probes = new ArrayList<>();
    for (String address : bootstrap.split(",")) {
      if (!address.isBlank()) {
        probes.add(
            CompletableFuture.supplyAsync(() -> address.trim() + ": " + probe(address.trim())));
      }
    }
    List<String> findings = new ArrayList<>();
    for (CompletableFuture<String> p : probes) {
      try {
        findings.add(p.get(PROBE_TIMEOUT.toMillis() + 100, TimeUnit.MILLISECONDS));
      } catch (ExecutionException | TimeoutException e) {
        // A probe that cannot say anything adds nothing.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return findings.isEmpty() ? "no broker answered" : String.join("; ", findings);
  }

  private static String probe(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      return "not HOST:PORT";
    }
    String host = address.substring(0, colon).replaceAll("^\\[|\\]$", "");
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      return "not HOST:PORT";
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      return "the port accepts connections but no Kafka broker answered (another service, or a listener that needs"
          + " security.protocol SSL or SASL?)";
    } catch (UnknownHostException e) {
      return "unknown host";
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return "no answer to a TCP connection within " + PROBE_TIMEOUT.toMillis() + " ms";
    } catch (IOException | IllegalArgumentException e) {
      return oneLine(
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().toLowerCase(Locale.ROOT));
    }
  }

  /** "15 s", "2.5 s", "500 ms". */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    if (ms < 1_000) {
      return ms + " ms";
    }
    return (ms % 1_000 == 0 ? String.valueOf(ms / 1_000) : String.valueOf(ms / 1_000.0)) + " s";
  }

  private static String innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return oneLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
