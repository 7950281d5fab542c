package dev.tandem.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A status page on this machine for the demo to collect from: serves one recorded Statuspage
 * document (GitHub's incidents.json of 2024-09-16) at /api/v2/incidents.json with an ETag, the way
 * the real page does, since the demo must run without the internet.
 */
final class LocalStatusPage implements AutoCloseable {

  static final String PATH = "/api/v2/incidents.json";
  private static final String DOCUMENT = "/demo/github-incidents-2024-09-16.json";

  private final HttpServer server;

  LocalStatusPage() {
    byte[] body;
    try (InputStream in = LocalStatusPage.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
      }
      body = in.readAllBytes();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    server.createContext(
        PATH,
        exchange -> {
          try (exchange;
              OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
              exchange.sendResponseHeaders(304, -1);
            } else {
              exchange.sendResponseHeaders(200, body.length);
              out.write(body);
            }
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
