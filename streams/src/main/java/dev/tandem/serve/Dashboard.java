package dev.tandem.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /}: the live dashboard (README, "Dashboard"), one page and its stylesheet and script,
 * served from the jar as they are: no build step, nothing fetched from elsewhere, so it works on a
 * machine with no internet. The page reads {@code /api/timeline}, {@code /api/outages} and {@code
 * /api/stream}. Only the files named here are served (no path is ever mapped to the classpath), and
 * with {@code Cache-Control: no-cache} so that an upgrade shows at the next load.
 */
public final class Dashboard {

  private static final String ROOT = "dashboard/";

  /** Path → content type, of every file the dashboard serves. */
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "dashboard.css", "text/css; charset=utf-8",
          "dashboard.js", "text/javascript; charset=utf-8");

  private final Map<String, byte[]> content;

  public Dashboard() {
    content =
        Map.of(
            "index.html", read("index.html"),
            "dashboard.css", read("dashboard.css"),
            "dashboard.js", read("dashboard.js"));
  }

  /** Adds {@code /} (the page) and its files to {@code layer}; longer routes still win. */
  public HttpLayer routeOn(HttpLayer layer) {
    return layer.route("/", this::serve);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        JsonReply.error(405, "only GET is served here").send(exchange);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String file = path.equals("/") ? "index.html" : path.substring(1);
      byte[] body = content.get(file);
      if (body == null) {
        JsonReply.error(404, "no such path: " + path).send(exchange);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", FILES.get(file));
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] read(String file) {
    try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + ROOT + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
