package dev.tandem.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.OutageState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last published version of each outage, as a consumer of {@code tandem.outages.json} holds it
 * (the topic is compacted: a retraction removes the id), fed by {@link OutageStream}'s reader. It
 * holds outages correlation has let go of (design §5: 30 days after they resolved, in event time),
 * so that the dashboard still shows them; the stores answer everything else. At most {@link
 * #MAX_HELD} ids, those published longest ago dropped first: outages are rare (a few a week), so
 * that is years of them.
 */
final class PublishedOutages {

  static final int MAX_HELD = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Comparator<JsonNode> NEWEST_FIRST =
      Comparator.<JsonNode, String>comparing(o -> o.get("firstOnset").asText())
          .reversed()
          .thenComparing(o -> o.get("id").asText());

  private final Map<String, JsonNode> latest =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
          return size() > MAX_HELD;
        }
      };

  private volatile boolean caughtUp;

  /** The reader has read what the topic held when it started: from now on the answers are whole. */
  void caughtUp() {
    caughtUp = true;
  }

  /**
   * @param json the record's value; null for a tombstone
   */
  synchronized void published(String id, String json) {
    latest.remove(id);
    if (json == null) {
      return;
    }
    try {
      JsonNode outage = JSON.readTree(json);
      if (outage.hasNonNull("firstOnset") && outage.hasNonNull("state")) {
        latest.put(id, outage);
      }
    } catch (JsonProcessingException e) {
      // Not Tandem's JSON (someone else wrote to the topic): nothing to show for it.
    }
  }

  /**
   * Every outage as last published but those merged into another (the other is here), newest first
   * onset first.
   */
  synchronized List<JsonNode> all() {
    if (!caughtUp) {
      throw ApiError.unavailable(
          "the outages published so far are still being read from the topic; ask again");
    }
    List<JsonNode> outages = new ArrayList<>();
    for (JsonNode o : latest.values()) {
      if (!"MERGED".equals(o.get("state").asText())) {
        outages.add(o);
      }
    }
    outages.sort(NEWEST_FIRST);
    return outages;
  }

  /** {@code /api/published}: in the shape of {@code /api/outages}. */
  JsonNode list(PipelineQueries.StateFilter state, Instant since, int limit) {
    List<JsonNode> matching =
        all().stream()
            .filter(o -> state.admits(stateOf(o)))
            .filter(
                o -> since == null || !Instant.parse(o.get("lastOnset").asText()).isBefore(since))
            .toList();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("count", Math.min(limit, matching.size()));
    answer.put("total", matching.size());
    ArrayNode list = answer.putArray("outages");
    matching.stream().limit(limit).forEach(list::add);
    return answer;
  }

  /** A state this version does not know reads as UPDATED, as the Avro contract says. */
  private static OutageState stateOf(JsonNode outage) {
    try {
      return OutageState.valueOf(outage.get("state").asText());
    } catch (IllegalArgumentException e) {
      return OutageState.UPDATED;
    }
  }
}
