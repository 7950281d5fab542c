package dev.tandem.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.tandem.serve.HttpLayer;
import dev.tandem.serve.JsonReply;
import java.io.IOException;
import java.util.List;

/**
 * What {@code tandem collect --http-port} answers besides {@code /metrics}: its health checks and
 * each provider's fetch record, so that a page that stopped answering is seen where the rest of the
 * pipeline is watched. An unreachable page is the collector's problem, not the provider's outage.
 */
public final class CollectorApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CollectorHealth health;
  private final int providers;

  public CollectorApi(CollectorHealth health, int providers) {
    this.health = health;
    this.providers = providers;
  }

  /** {@code /health/live}, {@code /health/ready} (no credentials) and {@code /api/collector}. */
  public HttpLayer routeOn(HttpLayer layer) {
    return layer.routeOpen("/health/", this::health).route("/api/collector", this::providers);
  }

  private void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      List<ProviderHealth> all = health.all();
      List<String> unreachable = health.unreachable();
      ObjectNode body = JSON.createObjectNode();
      body.put("providers", providers);
      body.put("fetched", all.size());
      body.set("unreachable", JSON.valueToTree(unreachable));
      body.set("misconfigured", JSON.valueToTree(health.misconfigured()));
      JsonReply reply;
      if (path.equals("/health/live")) {
        body.put("status", "UP");
        reply = JsonReply.of(200, body);
      } else if (path.equals("/health/ready")) {
        // Ready once every page was tried and at least one answers: a collector that reaches
        // none publishes nothing (its network or proxy is wrong, not every vendor).
        boolean ready =
            all.size() >= providers && (providers == 0 || unreachable.size() < providers);
        body.put("status", ready ? "READY" : "NOT_READY");
        reply = JsonReply.of(ready ? 200 : 503, body);
      } else {
        reply = JsonReply.error(404, "no such health check: " + path);
      }
      reply.send(exchange);
    }
  }

  private void providers(HttpExchange exchange) throws IOException {
    try (exchange) {
      ObjectNode body = JSON.createObjectNode();
      ArrayNode list = body.putArray("providers");
      for (ProviderHealth p : health.all()) {
        ObjectNode node = list.addObject();
        node.put("provider", p.provider());
        node.put("unreachable", p.unreachable());
        node.put("misconfigured", health.misconfigured().get(p.provider()));
        node.put("lastSuccess", p.lastSuccess() == null ? null : p.lastSuccess().toString());
        node.put("lastFailure", p.lastFailure() == null ? null : p.lastFailure().toString());
        node.put("lastError", p.lastError());
        node.put("consecutiveFailures", p.consecutiveFailures());
        node.put("fetches", p.fetches());
        node.put("published", p.published());
        node.put("notModified", p.notModified());
        node.put("unchanged", p.unchanged());
        node.put("failures", p.failures());
      }
      JsonReply.of(200, body).send(exchange);
    }
  }
}
