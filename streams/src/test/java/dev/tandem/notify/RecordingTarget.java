package dev.tandem.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local HTTP server standing in for notification targets, one path each: it answers each path's
 * scripted statuses first (failures, say), then its steady status, and records every body it was
 * sent and those it took (2xx).
 */
final class RecordingTarget implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, Path> paths = new ConcurrentHashMap<>();

  RecordingTarget() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** A path answering {@code first} statuses in turn, then {@code steady}. */
  String path(String name, int steady, Integer... first) {
    paths.put("/" + name, new Path(steady, new ArrayDeque<>(List.of(first))));
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** From now on, {@code name} answers {@code steady}. */
  void answer(String name, int steady) {
    Path path = paths.get("/" + name);
    synchronized (path) {
      path.steady = steady;
      path.first.clear();
    }
  }

  /** Bodies {@code name} took, in the order it took them. */
  List<String> taken(String name) {
    Path path = paths.get("/" + name);
    synchronized (path) {
      return List.copyOf(path.taken);
    }
  }

  /** Every request {@code name} received, taken or not. */
  int attempts(String name) {
    Path path = paths.get("/" + name);
    synchronized (path) {
      return path.attempts;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Path path = paths.get(exchange.getRequestURI().getPath());
      int status;
      if (path == null) {
        status = 404;
      } else {
        synchronized (path) {
          path.attempts++;
          Integer next = path.first.poll();
          status = next == null ? path.steady : next;
          if (status / 100 == 2) {
            path.taken.add(body);
          }
        }
      }
      if (status == 429) {
        exchange.getResponseHeaders().set("Retry-After", "0");
      }
      byte[] answer = (status / 100 == 2 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static final class Path {
    int steady;
    final Deque<Integer> first;
    final List<String> taken = new ArrayList<>();
    int attempts;

    Path(int steady, Deque<Integer> first) {
      this.steady = steady;
      this.first = first;
    }
  }
}
