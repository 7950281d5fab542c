package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The derived fixtures (the README's "a scenario payload with one thing changed") are stored as
 * files so a reader sees what an adapter gets; this keeps each one its source scenario payload with
 * the one change its name says, so an edit to a scenario cannot leave them behind unnoticed.
 */
class DerivedFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FASTLY = "scenarios/fastly-2021-06-08/00-fastly.statuspage.json";
  private static final String META =
      "scenarios/seed-2024-12-11-meta-then-openai/00-meta.tandem.json";

  static Stream<Arguments> derivedFixtures() {
    return Stream.of(
        derived(
            "malformed/fastly-incident-with-unreadable-started-at.json",
            FASTLY,
            p -> incident(p).put("started_at", "yesterday at 09:47")),
        derived("malformed/fastly-incident-without-id.json", FASTLY, p -> incident(p).remove("id")),
        derived(
            "malformed/fastly-incident-without-timestamps.json",
            FASTLY,
            p -> incident(p).remove(java.util.List.of("started_at", "created_at"))),
        derived(
            "malformed/fastly-update-without-id.json", FASTLY, p -> firstUpdate(p).remove("id")),
        derived(
            "malformed/fastly-update-without-status.json",
            FASTLY,
            p -> firstUpdate(p).remove("status")),
        derived(
            "malformed/fastly-update-without-timestamps.json",
            FASTLY,
            p ->
                firstUpdate(p).remove(java.util.List.of("display_at", "updated_at", "created_at"))),
        derived(
            "statuspage/fastly-2021-06-08-without-updates.json",
            FASTLY,
            p -> incident(p).set("incident_updates", JSON.createArrayNode())),
        derived(
            "tandem/meta-lower-case-enums.json",
            META,
            p -> p.put("status", "investigating").put("impact", "major")),
        derived("tandem/meta-unknown-status.json", META, p -> p.put("status", "FIXING")),
        derived("tandem/meta-without-provider.json", META, p -> p.remove("provider")),
        derived("tandem/meta-without-title.json", META, p -> p.remove("title")),
        derived("tandem/meta-without-update-id.json", META, p -> p.remove("updateId")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("derivedFixtures")
  void isItsSourceWithTheOneChangeItsNameSays(
      String fixture, String source, Consumer<ObjectNode> change) {
    ObjectNode expected = (ObjectNode) tree(source);
    change.accept(expected);

    assertThat(tree(fixture)).isEqualTo(expected);
  }

  @Test
  void theGovukArrayIsTheTwoGovukLinesOfTheFastlyScenario() {
    ArrayNode expected = JSON.createArrayNode();
    Fixtures.scenarioPayloads().stream()
        .filter(path -> path.startsWith("scenarios/fastly-2021-06-08/"))
        .filter(path -> Fixtures.providerOf(path).equals("govuk"))
        .forEach(path -> expected.add(tree(path)));

    assertThat(expected).hasSize(2);
    assertThat(tree("tandem/govuk-updates-array.json")).isEqualTo(expected);
  }

  private static Arguments derived(String fixture, String source, Consumer<ObjectNode> change) {
    return Arguments.of(fixture, source, change);
  }

  private static ObjectNode incident(ObjectNode statuspage) {
    return (ObjectNode) statuspage.get("incident");
  }

  private static ObjectNode firstUpdate(ObjectNode statuspage) {
    return (ObjectNode) incident(statuspage).get("incident_updates").get(0);
  }

  private static JsonNode tree(String path) {
    try {
      return JSON.readTree(Fixtures.bytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
