package dev.tandem.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an outage change or an incident as one line a person reads at a glance. */
final class OutageLine {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OutageLine() {}

  /**
   * e.g. {@code 2021-06-08T10:00:00Z OPEN v1 amazon, fastly cause: fastly (reporting) confidence
   * 0.99 id …}
   */
  static String outage(LiveOutputs.PublishedOutage change) {
    if (change.json() == null) {
      return String.format(Locale.ROOT, "%s  RETRACTED   %s", change.time(), change.id());
    }
    JsonNode o = read(change.json());
    List<String> providers = new ArrayList<>();
    o.get("providers").forEach(p -> providers.add(p.asText()));
    JsonNode cause = o.get("suspectedCause");
    String causeText =
        cause == null || cause.isNull() || cause.get("provider").isNull()
            ? "no suspected cause"
            : "cause: "
                + cause.get("provider").asText()
                + (cause.get("reporting").asBoolean() ? " (reporting)" : " (not reporting yet)");
    JsonNode mergedInto = o.get("mergedInto");
    return String.format(
        Locale.ROOT,
        "%s  %-8s v%-2d %s  %s  confidence %.2f  %s%s",
        change.time(),
        o.get("state").asText(),
        o.get("version").asInt(),
        String.join(", ", providers),
        causeText,
        o.get("confidence").asDouble(),
        o.get("id").asText(),
        mergedInto == null || mergedInto.isNull() ? "" : "  merged into " + mergedInto.asText());
  }

  static String retractionJson(String id) {
    return JSON.createObjectNode().put("type", "outage-retracted").put("id", id).toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
