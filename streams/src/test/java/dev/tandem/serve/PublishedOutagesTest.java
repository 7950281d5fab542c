package dev.tandem.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last published version of each outage, as a consumer of the compacted topic holds it. */
class PublishedOutagesTest {

  private final PublishedOutages published = new PublishedOutages();

  {
    published.caughtUp();
  }

  @Test
  void answersOnlyOnceTheTopicIsRead() {
    PublishedOutages reading = new PublishedOutages();
    reading.published("a", outage("a", "OPEN", 1, "2021-06-08T09:00:00Z"));

    assertThatThrownBy(reading::all)
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("still being read");
    reading.caughtUp();
    assertThat(reading.all()).hasSize(1);
  }

  @Test
  void keepsTheLastVersionOfEachIdNewestOnsetFirst() {
    published.published("a", outage("a", "OPEN", 1, "2021-06-08T09:00:00Z"));
    published.published("b", outage("b", "OPEN", 1, "2021-06-09T09:00:00Z"));
    published.published("a", outage("a", "RESOLVED", 2, "2021-06-08T09:00:00Z"));

    assertThat(ids(published.all())).containsExactly("b", "a");
    assertThat(published.all().get(1).get("version").asInt()).isEqualTo(2);
  }

  @Test
  void aTombstoneRemovesAndAMergedIdIsNotListed() {
    published.published("a", outage("a", "OPEN", 1, "2021-06-08T09:00:00Z"));
    published.published("b", outage("b", "OPEN", 1, "2021-06-08T10:00:00Z"));
    published.published("a", null);
    published.published("b", outage("b", "MERGED", 2, "2021-06-08T10:00:00Z"));
    published.published("c", outage("c", "UPDATED", 3, "2021-06-08T08:00:00Z"));

    assertThat(ids(published.all())).containsExactly("c");
  }

  @Test
  void listsByStateLikeTheOutagesEndpoint() {
    published.published("a", outage("a", "RESOLVED", 4, "2021-06-08T09:00:00Z"));
    published.published("b", outage("b", "UPDATED", 2, "2021-06-09T09:00:00Z"));
    published.published("c", outage("c", "EXPIRED", 7, "2021-06-07T09:00:00Z"));

    JsonNode open = published.list(PipelineQueries.StateFilter.OPEN, null, 10);
    JsonNode resolved = published.list(PipelineQueries.StateFilter.RESOLVED, null, 1);

    assertThat(ids(open.get("outages"))).containsExactly("b");
    assertThat(ids(resolved.get("outages"))).containsExactly("a");
    assertThat(resolved.get("total").asInt()).isEqualTo(2);
  }

  @Test
  void whatIsNotAnOutageIsIgnored() {
    published.published("x", "not json");
    published.published("y", "{\"type\":\"something else\"}");

    assertThat(published.all()).isEmpty();
  }

  private static String outage(String id, String state, int version, String firstOnset) {
    return "{\"type\":\"outage\",\"id\":\""
        + id
        + "\",\"state\":\""
        + state
        + "\",\"version\":"
        + version
        + ",\"firstOnset\":\""
        + firstOnset
        + "\",\"lastOnset\":\""
        + firstOnset
        + "\"}";
  }

  private static List<String> ids(Iterable<JsonNode> outages) {
    List<String> ids = new ArrayList<>();
    outages.forEach(o -> ids.add(o.get("id").asText()));
    return ids;
  }
}
