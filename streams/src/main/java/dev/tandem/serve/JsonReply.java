package dev.tandem.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** One JSON answer of the API: a status and its body; errors are {@code {"error": message}}. */
public record JsonReply(int status, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static JsonReply of(int status, JsonNode node) {
    try {
      return new JsonReply(status, JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  public static JsonReply error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", message);
    return of(status, body);
  }

  public void send(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
