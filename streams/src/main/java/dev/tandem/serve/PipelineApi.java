package dev.tandem.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.DependencyGraph;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API of a running pipeline (README, "Query it over HTTP"): outages with their history,
 * providers and their condition, a provider's incidents, one incident's lifecycle, the dashboard's
 * timeline, explanations, the outages as last published on the topic, and the health checks.
 * Answers come from the pipeline's stores; any instance answers any query ({@link InstanceRouter}).
 * Errors are {@code {"error": …}}: 400 for a bad parameter, 404 for an unknown id or path, 405 for
 * a method other than GET, 503 while the stores cannot answer.
 */
public final class PipelineApi {

  private static final Logger log = LoggerFactory.getLogger(PipelineApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;

  /** Rows of the timeline: enough for a wall screen, few enough to read. */
  private static final int DEFAULT_ROWS = 40;

  private static final int MAX_ROWS = 200;

  private final KafkaStreams streams;
  private final PipelineQueries queries;
  private final InstanceRouter router;
  private final PublishedOutages published;

  /**
   * @param self this instance's advertised address ({@code application.server}), or null
   * @param published the outages as last published on the topic (the event stream reads them)
   */
  PipelineApi(
      KafkaStreams streams,
      CorrelationSettings settings,
      DependencyGraph graph,
      HostInfo self,
      PublishedOutages published) {
    this.streams = streams;
    this.published = published;
    this.queries = new PipelineQueries(streams, settings, graph);
    this.router = new InstanceRouter(streams, self);
  }

  /** Adds the API's and the health checks' paths to {@code layer}. */
  public HttpLayer routeOn(HttpLayer layer) {
    return layer.route("/api/", this::handle).routeOpen("/health/", this::handle);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonReply reply;
      try {
        if (!"GET".equals(exchange.getRequestMethod())) {
          reply = JsonReply.error(405, "only GET is served here");
        } else {
          reply = answer(exchange);
        }
      } catch (ApiError e) {
        reply = JsonReply.error(e.status(), e.getMessage());
      } catch (RuntimeException e) {
        log.warn("{} failed", exchange.getRequestURI(), e);
        reply = JsonReply.error(500, "internal error: " + e);
      }
      reply.send(exchange);
    }
  }

  private JsonReply answer(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
    boolean forwarded = exchange.getRequestHeaders().containsKey(InstanceRouter.FORWARDED);
    // Every instance has the same credentials: a forward carries the caller's own.
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String pathAndQuery =
        path
            + (exchange.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequestURI().getRawQuery());
    List<String> parts = segments(path);
    if (parts.size() == 2 && parts.get(0).equals("health")) {
      return health(parts.get(1));
    }
    if (parts.isEmpty() || !parts.get(0).equals("api")) {
      throw ApiError.notFound("no such path: " + path);
    }
    List<String> rest = parts.subList(1, parts.size());
    if (rest.equals(List.of("outages"))) {
      PipelineQueries.StateFilter state = stateParam(params.get("state"));
      Instant since = instantParam("since", params.get("since"), null);
      int limit = limitParam(params.get("limit"));
      return routed(
          authorization,
          router.correlateOwner(),
          forwarded,
          pathAndQuery,
          () -> queries.outages(state, since, limit));
    }
    if (rest.equals(List.of("published"))) {
      // Every instance reads the whole topic: answered here.
      return JsonReply.of(
          200,
          published.list(
              stateParam(params.get("state")),
              instantParam("since", params.get("since"), null),
              limitParam(params.get("limit"))));
    }
    if (rest.size() == 2 && rest.get(0).equals("outages")) {
      return routed(
          authorization,
          router.correlateOwner(),
          forwarded,
          pathAndQuery,
          () -> queries.outage(rest.get(1)));
    }
    if (rest.equals(List.of("providers"))) {
      return routed(
          authorization,
          router.correlateOwner(),
          forwarded,
          pathAndQuery,
          () -> queries.providers(null));
    }
    if (rest.size() == 3 && rest.get(0).equals("providers") && rest.get(2).equals("incidents")) {
      String provider = rest.get(1);
      return routed(
          authorization,
          router.providerOwner(provider),
          forwarded,
          pathAndQuery,
          () -> queries.providerIncidents(provider));
    }
    if (rest.size() == 3 && rest.get(0).equals("incidents")) {
      String provider = rest.get(1);
      return routed(
          authorization,
          router.providerOwner(provider),
          forwarded,
          pathAndQuery,
          () -> queries.incident(provider, rest.get(2)));
    }
    if (rest.equals(List.of("timeline"))) {
      Instant from = instantParam("from", params.get("from"), null);
      Instant to = instantParam("to", params.get("to"), null);
      int rows = rowsParam(params.get("rows"));
      return routed(
          authorization,
          router.correlateOwner(),
          forwarded,
          pathAndQuery,
          () -> queries.timeline(from, to, rows, published.all()));
    }
    if (rest.equals(List.of("explain"))) {
      String provider = params.get("provider");
      if (provider == null || provider.isBlank()) {
        throw ApiError.badRequest("explain needs ?provider=ID&at=INSTANT");
      }
      Instant at = instantParam("at", params.get("at"), null);
      if (at == null) {
        throw ApiError.badRequest("explain needs ?provider=ID&at=INSTANT");
      }
      return routed(
          authorization,
          router.correlateOwner(),
          forwarded,
          pathAndQuery,
          () -> queries.explain(provider.toLowerCase(Locale.ROOT), at));
    }
    throw ApiError.notFound("no such path: " + path);
  }

  /** Answers here, or forwards once to the instance that holds the data. */
  private JsonReply routed(
      String authorization,
      Optional<HostInfo> owner,
      boolean forwarded,
      String pathAndQuery,
      Supplier<JsonNode> here) {
    if (owner.isEmpty()) {
      return JsonReply.of(200, here.get());
    }
    if (forwarded) {
      throw ApiError.unavailable(
          "this instance does not hold the data now (rebalancing); ask again");
    }
    InstanceRouter.Forwarded answer = router.forward(owner.get(), pathAndQuery, authorization);
    return new JsonReply(answer.status(), answer.body());
  }

  private JsonReply health(String which) {
    ObjectNode body = JSON.createObjectNode();
    KafkaStreams.State state = streams.state();
    body.put("pipeline", state.name());
    switch (which) {
      case "live" -> {
        boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
        body.put("status", live ? "UP" : "DOWN");
        return JsonReply.of(live ? 200 : 503, body);
      }
      case "ready" -> {
        boolean ready = state == KafkaStreams.State.RUNNING && correlateAnswers();
        body.put("status", ready ? "READY" : "NOT_READY");
        return JsonReply.of(ready ? 200 : 503, body);
      }
      default -> throw ApiError.notFound("no such health check: " + which);
    }
  }

  /** Whether the correlate stores answer, here or (through the metadata) on their instance. */
  private boolean correlateAnswers() {
    try {
      return router.correlateOwner().isPresent() || queries.correlateQueryable();
    } catch (ApiError e) {
      return false;
    }
  }

  private static List<String> segments(String rawPath) {
    return java.util.Arrays.stream(rawPath.split("/"))
        .filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
        .toList();
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }

  private static PipelineQueries.StateFilter stateParam(String value) {
    if (value == null) {
      return PipelineQueries.StateFilter.ALL;
    }
    try {
      return PipelineQueries.StateFilter.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("state must be open, resolved or all, not '" + value + "'");
    }
  }

  private static Instant instantParam(String name, String value, Instant otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(
          name + " must be an ISO-8601 instant such as 2021-06-08T09:47:00Z, not '" + value + "'");
    }
  }

  private static int rowsParam(String value) {
    if (value == null) {
      return DEFAULT_ROWS;
    }
    try {
      int rows = Integer.parseInt(value);
      if (rows >= 1 && rows <= MAX_ROWS) {
        return rows;
      }
    } catch (NumberFormatException e) {
      // Said below.
    }
    throw ApiError.badRequest(
        "rows must be a whole number from 1 to " + MAX_ROWS + ", not '" + value + "'");
  }

  private static int limitParam(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Said below.
    }
    throw ApiError.badRequest(
        "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'");
  }
}
