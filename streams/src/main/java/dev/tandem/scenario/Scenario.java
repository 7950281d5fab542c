package dev.tandem.scenario;

import dev.tandem.io.TextFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A named incident timeline to replay: the envelopes of one {@code NAME.jsonl} file, in the order a
 * collector received them. The bundled scenarios ship inside the jar.
 */
public record Scenario(String name, List<ScenarioEnvelope> envelopes) {

  private static final String BUNDLED_INDEX = "/scenarios/scenarios.list";

  public Scenario {
    envelopes = List.copyOf(envelopes);
  }

  /** Parses a scenario's text; the exception names the line that is wrong. */
  public static Scenario parse(String name, String text) {
    return parse(name, text, name + ".jsonl");
  }

  private static Scenario parse(String name, String text, String source) {
    List<ScenarioEnvelope> envelopes = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        try {
          envelopes.add(ScenarioEnvelope.parse(lines[i]));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              source + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
    }
    return new Scenario(name, envelopes);
  }

  /** The scenarios packaged with Tandem (copies of the project's scenarios/*.jsonl). */
  /**
   * The raw records of all these scenarios in arrival order (a stable merge by {@code receivedAt}).
   */
  public static List<dev.tandem.raw.RawStatus> records(List<Scenario> scenarios) {
    return scenarios.stream()
        .flatMap(s -> s.envelopes().stream())
        .sorted(Comparator.comparing(ScenarioEnvelope::receivedAt))
        .map(ScenarioEnvelope::toRawStatus)
        .toList();
  }

  public static List<Scenario> bundled() {
    List<Scenario> scenarios = new ArrayList<>();
    for (String name : resource(BUNDLED_INDEX).split("\\s+")) {
      if (!name.isBlank()) {
        scenarios.add(parse(name, resource("/scenarios/" + name + ".jsonl")));
      }
    }
    return scenarios;
  }

  /** Every {@code *.jsonl} of a directory, by name. */
  public static List<Scenario> fromDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jsonl")) {
      stream.forEach(files::add);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no *.jsonl scenario files in " + dir);
    }
    files.sort(Comparator.comparing(Path::toString));
    List<Scenario> scenarios = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
      scenarios.add(parse(name, TextFile.read(file), file.toString()));
    }
    return scenarios;
  }

  private static String resource(String path) {
    try (InputStream in = Scenario.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
