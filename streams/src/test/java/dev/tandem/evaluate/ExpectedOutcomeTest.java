package dev.tandem.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedOutcomeTest {

  @Test
  void readsTheOutagesOfAnExpectedFileAndIgnoresTheRest() {
    ExpectedOutcome expected =
        ExpectedOutcome.parse(
            "fastly.expected.json",
            """
        {"outages": [{"providers": ["reddit", "fastly"], "suspectedCause": "fastly", "finalState": "RESOLVED"},
                     {"providers": ["meta", "openai"], "suspectedCause": null}],
         "incidents": [{"provider": "fastly", "incidentId": "x", "status": "RESOLVED"}]}
        """);

    assertThat(expected.outages())
        .containsExactly(
            new ExpectedOutcome.ExpectedOutage(List.of("fastly", "reddit"), "fastly", "RESOLVED"),
            new ExpectedOutcome.ExpectedOutage(List.of("meta", "openai"), null, null));
  }

  @Test
  void refusesAnOutageOfOneProviderNamingTheFile() {
    assertThatThrownBy(
            () ->
                ExpectedOutcome.parse(
                    "odd.expected.json", "{\"outages\":[{\"providers\":[\"aws\"]}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("odd.expected.json: outages[0] needs a 'providers' array of two or more ids");
  }

  @Test
  void refusesAFileWithoutOutages() {
    assertThatThrownBy(() -> ExpectedOutcome.parse("odd.expected.json", "{\"incidents\":[]}"))
        .hasMessage("odd.expected.json: expected an 'outages' array");
  }

  @Test
  void everyBundledScenarioStatesItsExpectations() {
    assertThat(ScenarioCase.bundled())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.scored()).as(c.name()).isTrue());
  }
}
