package dev.tandem.collect;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.testing.PayloadFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A status page on 127.0.0.1 that plays back a script of recorded responses, one per request, and
 * remembers each request's headers. An exhausted script answers 500.
 */
final class FixtureServer implements AutoCloseable {

  /** One scripted answer; {@code delay} holds it back, {@code hangs} never sends it. */
  record Reply(
      int status, Map<String, String> headers, byte[] body, Duration delay, boolean hangs) {

    static Reply ok(String fixture, Map<String, String> headers) {
      return new Reply(200, headers, fixture(fixture), Duration.ZERO, false);
    }

    static Reply ok(String fixture) {
      return ok(fixture, Map.of());
    }

    static Reply status(int status, Map<String, String> headers) {
      return new Reply(status, headers, new byte[0], Duration.ZERO, false);
    }

    static Reply hanging() {
      return new Reply(200, Map.of(), new byte[0], Duration.ZERO, true);
    }

    Reply after(Duration delay) {
      return new Reply(status, headers, body, delay, hangs);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final Map<String, Queue<Reply>> byPath = new ConcurrentHashMap<>();
  private final List<Headers> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestHeaders());
          Queue<Reply> forPath = byPath.get(exchange.getRequestURI().getPath());
          Reply reply = forPath != null ? forPath.poll() : script.poll();
          if (reply == null) {
            reply = Reply.status(500, Map.of());
          }
          try {
            if (reply.hangs()) {
              closed.await();
              return;
            }
            if (!reply.delay().isZero()) {
              closed.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          reply.headers().forEach(exchange.getResponseHeaders()::set);
          boolean noBody = reply.body().length == 0;
          exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
          }
        });
    server.start();
  }

  FixtureServer then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Replies for requests of {@code path} alone, in order, whatever else is asked meanwhile. */
  FixtureServer on(String path, Reply... replies) {
    byPath.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
    return this;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Headers> requests() {
    return requests;
  }

  /** A {@link PayloadFixtures} document by its fixture path. */
  static byte[] fixture(String path) {
    return PayloadFixtures.bytes(path);
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
