package dev.tandem.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.tandem.io.Sha256;
import dev.tandem.raw.RawStatus;
import dev.tandem.serve.HttpLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts vendor webhooks at {@code POST /webhooks/{provider}} (Statuspage, incident.io, or the
 * canonical Tandem JSON) and publishes each body to {@code tandem.status.raw}. It answers 202 only
 * once Kafka has the record, so a vendor retries whatever Tandem did not keep.
 *
 * <p>Who may post: a provider with a signing secret only with a valid, fresh signature ({@link
 * WebhookSignature}); any other only with the shared token, when one is set, in the URL ({@code
 * ?token=}, since a Statuspage subscription is a bare URL and can send no header) or in {@code
 * X-Tandem-Token}. Both compared in constant time; the URL's query is never logged.
 */
public final class WebhookIntake implements AutoCloseable {

  public static final String PATH = "/webhooks/";
  public static final String TOKEN_HEADER = "X-Tandem-Token";
  public static final String TOKEN_PARAMETER = "token";
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final long DRAIN_LIMIT_BYTES = 16L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpLayer http;
  private final Consumer<RawStatus> publisher;
  private final byte[] token;
  private final Map<String, WebhookSignature> signed;
  private final Clock clock;

  /**
   * @param port 0 for any free port
   * @param token the shared secret every request must carry in {@code X-Tandem-Token}, or null for
   *     none
   * @param publisher sends one record and returns once Kafka has it
   */
  public WebhookIntake(
      String host, int port, String token, Consumer<RawStatus> publisher, Clock clock)
      throws IOException {
    this(host, port, token, Map.of(), publisher, clock);
  }

  /**
   * @param signed the providers whose webhooks must be signed, with their signing secrets
   */
  public WebhookIntake(
      String host,
      int port,
      String token,
      Map<String, WebhookSignature> signed,
      Consumer<RawStatus> publisher,
      Clock clock)
      throws IOException {
    this.publisher = publisher;
    this.token = token == null || token.isEmpty() ? null : Sha256.of(token);
    this.signed = Map.copyOf(signed);
    this.clock = clock;
    // The same HTTP layer as run's API: one server class for the whole application.
    this.http = new HttpLayer(host, port, "tandem-webhooks").route(PATH, this::handle).start();
    log.info("accepting webhooks at http://{}:{}{}{{provider}}", host, port(), PATH);
  }

  public int port() {
    return http.port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply = reply(exchange);
      byte[] body = (reply.message() + "\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private Reply reply(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return new Reply(405, "only POST is accepted here");
    }
    String provider = exchange.getRequestURI().getPath().substring(PATH.length());
    WebhookSignature signature = signed.get(provider);
    if (signature == null && token != null) {
      String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
      if (given == null) {
        given = queryParameter(exchange, TOKEN_PARAMETER);
      }
      // Digests of equal length: the comparison's time tells nothing of the token's length.
      if (given == null || !MessageDigest.isEqual(token, Sha256.of(given))) {
        return new Reply(
            401, "missing or wrong token (?" + TOKEN_PARAMETER + "= or " + TOKEN_HEADER + ")");
      }
    }
    if (!StatusPageSource.PROVIDER_ID.matcher(provider).matches()) {
      return new Reply(
          400,
          "provider id must be a lower-case slug such as /webhooks/github, not '"
              + provider.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
    String format = queryParameter(exchange, "format");
    if (format != null && !StatusPageSource.FORMATS.contains(format)) {
      return new Reply(
          400,
          "format must be one of "
              + String.join(", ", StatusPageSource.FORMATS)
              + ", not '"
              + format
              + "'");
    }
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && parseLong(declared) > DRAIN_LIMIT_BYTES) {
      return new Reply(413, "body larger than " + MAX_BODY_BYTES + " bytes");
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        // Read the rest before answering, else the sender sees a reset connection instead of the
        // 413.
        drain(in);
        return new Reply(413, "body larger than " + MAX_BODY_BYTES + " bytes");
      }
    }
    if (signature != null) {
      java.util.Optional<String> refusal =
          signature.refusal(exchange.getRequestHeaders(), body, clock.instant());
      if (refusal.isPresent()) {
        log.warn("webhook for {} refused: {}", provider, refusal.get());
        return new Reply(401, refusal.get());
      }
    }
    if (body.length == 0) {
      return new Reply(
          400, "empty body: expected a Statuspage, incident.io or Tandem JSON document");
    }
    JsonNode document;
    try {
      document = JSON.readTree(body);
    } catch (IOException e) {
      return new Reply(400, "body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (document == null || !document.isObject()) {
      return new Reply(400, "body must be a JSON object");
    }
    String chosen = format != null ? format : detect(document);
    try {
      publisher.accept(new RawStatus(provider, chosen, "webhook", clock.instant(), body));
    } catch (RuntimeException e) {
      log.warn("webhook for {} could not be published: {}", provider, e.getMessage());
      return new Reply(503, "could not publish to Kafka, retry later");
    }
    log.debug("webhook for {} published as {}", provider, chosen);
    return new Reply(202, "accepted as " + chosen);
  }

  /**
   * Statuspage webhooks carry {@code incident} (with {@code incident_updates}) or {@code
   * component_update}; incident.io's carry an incident with {@code updates}/{@code
   * component_impacts}/{@code status_page_id}, or a status page summary. Anything else is taken as
   * Tandem's own JSON.
   */
  static String detect(JsonNode document) {
    if (document.has("summary") || document.has("ongoing_incidents")) {
      return "incidentio";
    }
    JsonNode incident = document.path("incident");
    if (incident.isObject()) {
      boolean incidentIo =
          !incident.has("incident_updates")
              && (incident.path("updates").isArray()
                  || incident.path("component_impacts").isArray()
                  || incident.has("status_page_id"));
      return incidentIo ? "incidentio" : "statuspage";
    }
    if (document.has("component_update")) {
      return "statuspage";
    }
    return "tandem";
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total < DRAIN_LIMIT_BYTES && (n = in.read(buffer)) >= 0) {
      total += n;
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  private record Reply(int status, String message) {}
}
