package dev.tandem.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What Tandem should conclude from a scenario, as its {@code NAME.expected.json} states it: {@code
 * {"outages":[{"providers":[…],"suspectedCause":"fastly"|null,"finalState":"RESOLVED"}]}}. Other
 * fields (such as {@code incidents}) are for other tests and are ignored here.
 */
public record ExpectedOutcome(List<ExpectedOutage> outages) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ExpectedOutcome {
    outages = List.copyOf(outages);
  }

  /**
   * One outage the scenario should produce.
   *
   * @param providers sorted, distinct
   * @param suspectedCause the expected cause's provider, or null when none should be named
   * @param finalState OPEN, UPDATED or RESOLVED, or null when it does not matter
   */
  public record ExpectedOutage(List<String> providers, String suspectedCause, String finalState) {

    public ExpectedOutage {
      providers = List.copyOf(new TreeSet<>(providers));
    }
  }

  /**
   * Reads an expected file's text; the message of a failure names {@code source} and what is wrong.
   */
  public static ExpectedOutcome parse(String source, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage());
    }
    JsonNode outages = root == null ? null : root.get("outages");
    if (outages == null || !outages.isArray()) {
      throw new IllegalArgumentException(source + ": expected an 'outages' array");
    }
    List<ExpectedOutage> expected = new ArrayList<>();
    for (int i = 0; i < outages.size(); i++) {
      JsonNode outage = outages.get(i);
      JsonNode providers = outage.get("providers");
      if (providers == null || !providers.isArray() || providers.size() < 2) {
        throw new IllegalArgumentException(
            source + ": outages[" + i + "] needs a 'providers' array of two or more ids");
      }
      List<String> ids = new ArrayList<>();
      providers.forEach(p -> ids.add(p.asText()));
      expected.add(
          new ExpectedOutage(ids, text(outage, "suspectedCause"), text(outage, "finalState")));
    }
    return new ExpectedOutcome(expected);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
