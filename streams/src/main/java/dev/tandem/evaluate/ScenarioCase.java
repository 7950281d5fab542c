package dev.tandem.evaluate;

import dev.tandem.io.TextFile;
import dev.tandem.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario together with what Tandem should conclude from it, when its author said so.
 *
 * @param expected null when the scenario has no {@code NAME.expected.json}: it is replayed and
 *     reported, but not scored
 */
public record ScenarioCase(Scenario scenario, ExpectedOutcome expected) {

  /** The bundled scenarios and their expected files. */
  public static List<ScenarioCase> bundled() {
    List<ScenarioCase> cases = new ArrayList<>();
    for (Scenario scenario : Scenario.bundled()) {
      String path = "/scenarios/" + scenario.name() + ".expected.json";
      try (InputStream in = ScenarioCase.class.getResourceAsStream(path)) {
        ExpectedOutcome expected =
            in == null
                ? null
                : ExpectedOutcome.parse(
                    scenario.name() + ".expected.json",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        cases.add(new ScenarioCase(scenario, expected));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cases;
  }

  /**
   * Every {@code NAME.jsonl} of a directory, by name, with its {@code NAME.expected.json} if there
   * is one.
   */
  public static List<ScenarioCase> fromDirectory(Path dir) throws IOException {
    List<ScenarioCase> cases = new ArrayList<>();
    for (Scenario scenario : Scenario.fromDirectory(dir)) {
      Path file = dir.resolve(scenario.name() + ".expected.json");
      ExpectedOutcome expected =
          Files.isRegularFile(file)
              ? ExpectedOutcome.parse(file.toString(), TextFile.read(file))
              : null;
      cases.add(new ScenarioCase(scenario, expected));
    }
    return cases;
  }

  public String name() {
    return scenario.name();
  }

  public boolean scored() {
    return expected != null;
  }
}
