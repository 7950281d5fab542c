package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerTest {

  private final Explainer explainer =
      new Explainer(CorrelationSettings.DEFAULTS, DependencyGraph.defaults());

  @Test
  void saysMetaAndOpenAiStartedMoreThanFiveHoursApartBeyondTheWindow() {
    List<ProviderIncident> incidents =
        List.of(
            CorrelatorTest.incident(
                "meta", "2024-12-11T17:40:00Z", "2024-12-12T00:21:00Z", Severity.MAJOR),
            CorrelatorTest.incident(
                "openai", "2024-12-11T23:16:00Z", "2024-12-12T03:38:00Z", Severity.CRITICAL));

    List<String> lines =
        explainer.explain(incidents, "openai", Instant.parse("2024-12-11T23:30:00Z"));

    assertThat(lines.get(0))
        .startsWith(
            "openai's episode started at 2024-12-11T23:16:00Z and ended at 2024-12-12T03:38:00Z");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "meta started at 2024-12-11T17:40:00Z, 5.6 h before openai: beyond the 30 min window (no dependency between them)")
                    .contains("by coincidence"));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("not linked: no other provider's episode started within the window");
  }

  @Test
  void explainsAMemberByItsOutage() {
    List<String> lines =
        explainer.explain(
            CorrelatorTest.fastly2021(), "github", Instant.parse("2021-06-08T10:30:00Z"));

    assertThat(lines)
        .anySatisfy(
            line -> assertThat(line).matches("linked: part of outage fastly-[0-9a-f]{12} with .*"))
        .contains("github started 18 min after fastly; fastly is a declared upstream of github");
  }

  @Test
  void saysWhenItKnowsNothingOfTheProvider() {
    assertThat(
            explainer.explain(
                CorrelatorTest.fastly2021(), "zoom", Instant.parse("2021-06-08T10:30:00Z")))
        .containsExactly("Tandem holds no incident of zoom");
  }
}
