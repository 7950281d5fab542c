package dev.tandem.security;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS with Basic auth in front of a plain-HTTP schema registry, the way a TLS-terminating reverse
 * proxy guards a registry in production. The test registry, Apicurio 3, cannot do this itself
 * without an OIDC server: its Basic auth is a grant against one. Requests without the right
 * credentials get 401; the rest are forwarded unchanged, path and query kept.
 */
final class TlsBasicAuthProxy implements AutoCloseable {

  /** Hop-by-hop and computed headers the JDK clients and server set themselves. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "authorization",
          "transfer-encoding",
          "upgrade",
          "expect");

  private final HttpsServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI target;
  private final AtomicInteger forwarded = new AtomicInteger();

  /**
   * @param target the registry's scheme, host and port, e.g. http://127.0.0.1:8080
   */
  TlsBasicAuthProxy(URI target, SelfSignedCertificate certificate, String user, String password)
      throws IOException, GeneralSecurityException {
    this.target = target;
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certificate)));
    server.setExecutor(threads);
    server
        .createContext("/", this::forward)
        .setAuthenticator(
            new BasicAuthenticator("registry") {
              @Override
              public boolean checkCredentials(String u, String p) {
                return user.equals(u) && password.equals(p);
              }
            });
    server.start();
  }

  /** {@code https://127.0.0.1:PORT} followed by {@code path}. */
  String url(String path) {
    return "https://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** How many authenticated requests reached the registry. */
  int forwarded() {
    return forwarded.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    forwarded.incrementAndGet();
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
              .timeout(Duration.ofSeconds(10))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static SSLContext sslContext(SelfSignedCertificate certificate)
      throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificate.keyStore())) {
      keyStore.load(in, certificate.password().toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, certificate.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
