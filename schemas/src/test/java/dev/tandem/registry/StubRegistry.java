package dev.tandem.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted HTTP server on 127.0.0.1 that records what the client sent, standing in for a Schema
 * Registry.
 */
final class StubRegistry implements AutoCloseable {

  /** What the client sent; {@code path} is the raw (still percent-encoded) path. */
  record Exchange(
      String method, String path, String authorization, String contentType, String body) {}

  record Answer(int status, String body) {

    static Answer json(String body) {
      return new Answer(200, body);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  private StubRegistry(Function<Exchange, Answer> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", http -> answer(http, script));
    server.setExecutor(threads);
    server.start();
  }

  static StubRegistry answering(Function<Exchange, Answer> script) throws IOException {
    return new StubRegistry(script);
  }

  /**
   * The base URL a client would be configured with, e.g. {@code
   * http://127.0.0.1:PORT/apis/ccompat/v7}.
   */
  String url(String basePath) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
  }

  List<Exchange> exchanges() {
    return exchanges;
  }

  Exchange only() {
    if (exchanges.size() != 1) {
      throw new AssertionError("Expected exactly one request but got " + exchanges);
    }
    return exchanges.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void answer(HttpExchange http, Function<Exchange, Answer> script) throws IOException {
    try (http) {
      Exchange exchange =
          new Exchange(
              http.getRequestMethod(),
              http.getRequestURI().getRawPath(),
              http.getRequestHeaders().getFirst("Authorization"),
              http.getRequestHeaders().getFirst("Content-Type"),
              new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchanges.add(exchange);
      Answer answer = script.apply(exchange);
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      http.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      http.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = http.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
