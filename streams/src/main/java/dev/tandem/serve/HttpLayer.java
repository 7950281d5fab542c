package dev.tandem.serve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one HTTP server of a Tandem process: the JDK's own ({@code com.sun.net.httpserver}), so no
 * web framework and no Jetty to clash with the Kafka jars; threads made as needed, a few for
 * answers (each a store lookup or a forward) and one per event stream held open. Handlers are
 * routed by path prefix (the longest that matches). Every route needs the read role of the layer's
 * {@link HttpAccess} unless added as open (health checks, which orchestrators call without
 * credentials) or as admin.
 */
public final class HttpLayer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService workers;
  private final HttpAccess access;

  /**
   * An open layer: no credentials asked (the webhook intake checks its own secrets).
   *
   * @param port 0 for any free port
   */
  public HttpLayer(String host, int port, String threadName) throws IOException {
    this(host, port, threadName, HttpAccess.open());
  }

  /**
   * @param port 0 for any free port
   */
  public HttpLayer(String host, int port, String threadName, HttpAccess access) throws IOException {
    this.access = access;
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    workers =
        // A few for queries and forwards, and one for each event stream held open.
        Executors.newFixedThreadPool(
            8 + OutageStream.MAX_CLIENTS,
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(workers);
  }

  /** What the routes hold (a consumer, a metrics registry), closed with the layer. */
  private final java.util.List<AutoCloseable> held = new java.util.ArrayList<>();

  /** Serves every path under {@code prefix} with {@code handler}, to the read role. */
  public HttpLayer route(String prefix, HttpHandler handler) {
    server.createContext(prefix, guarded(HttpAccess.Role.READ, handler));
    return this;
  }

  /** Serves every path under {@code prefix} to the admin role only. */
  public HttpLayer routeAdmin(String prefix, HttpHandler handler) {
    server.createContext(prefix, guarded(HttpAccess.Role.ADMIN, handler));
    return this;
  }

  /** Serves every path under {@code prefix} without credentials. */
  public HttpLayer routeOpen(String prefix, HttpHandler handler) {
    server.createContext(prefix, handler);
    return this;
  }

  private HttpHandler guarded(HttpAccess.Role needed, HttpHandler handler) {
    return exchange -> {
      var role = access.roleOf(exchange.getRequestHeaders().getFirst("Authorization"));
      if (role.isPresent() && role.get().includes(needed)) {
        handler.handle(exchange);
        return;
      }
      try (exchange) {
        // Drain what was sent, so the client reads the answer and not a reset connection.
        exchange.getRequestBody().readNBytes(64 * 1024);
        if (role.isEmpty()) {
          exchange.getResponseHeaders().set("WWW-Authenticate", access.challenge());
          JsonReply.error(401, "credentials required (README, Access)").send(exchange);
        } else {
          JsonReply.error(
                  403,
                  "this needs the " + needed.name().toLowerCase(java.util.Locale.ROOT) + " role")
              .send(exchange);
        }
      }
    };
  }

  /** Closes {@code resource} when the layer closes: a route's handler needs it until then. */
  public HttpLayer closing(AutoCloseable resource) {
    held.add(resource);
    return this;
  }

  public HttpLayer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
    for (AutoCloseable resource : held) {
      try {
        resource.close();
      } catch (Exception e) {
        // Closing at shutdown: nothing is left to do with a failure but go on with the rest.
      }
    }
  }
}
