package dev.tandem.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of a scenario file: a record for {@code tandem.status.raw} as a collector received it
 * ({@code {"provider":…,"format":…,"receivedAt":…,"payload":…}}). An XML payload is a JSON string.
 */
public record ScenarioEnvelope(
    String provider, String format, Instant receivedAt, JsonNode payload) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses one envelope line; the message of the exception says what is wrong with it. */
  public static ScenarioEnvelope parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String provider = requiredText(node, "provider");
    String format = node.hasNonNull("format") ? node.get("format").asText() : null;
    Instant receivedAt;
    try {
      receivedAt = Instant.parse(requiredText(node, "receivedAt"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "receivedAt is not an ISO-8601 instant: " + node.get("receivedAt").asText());
    }
    if (!node.has("payload") || node.get("payload").isNull()) {
      throw new IllegalArgumentException("missing field 'payload'");
    }
    return new ScenarioEnvelope(provider, format, receivedAt, node.get("payload"));
  }

  /**
   * The record exactly as it goes onto the topic: a string payload as its text, JSON as compact
   * JSON.
   */
  public RawStatus toRawStatus() {
    byte[] bytes;
    if (payload.isTextual()) {
      bytes = payload.asText().getBytes(StandardCharsets.UTF_8);
    } else {
      try {
        bytes = JSON.writeValueAsBytes(payload);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("a parsed JSON tree always serializes", e);
      }
    }
    return new RawStatus(provider, format, null, receivedAt, bytes);
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return value.asText();
  }
}
