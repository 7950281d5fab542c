package dev.tandem.testing;

import dev.tandem.scenario.Scenario;
import dev.tandem.scenario.ScenarioEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every vendor payload the tests feed Tandem, by its path under {@code
 * src/test/resources/normalize} (whose README says where each comes from). Each is stored once:
 * most as files there; the payloads of the bundled scenarios made from the scenario files, named
 * {@code scenarios/<scenario>/NN-<provider>.<format>.json} (line number, record key, {@code
 * tandem.format} header); and the document the demo serves read from the demo's resources.
 */
public final class PayloadFixtures {

  private static final String ROOT = "/normalize/";

  /** Fixture paths of documents main code ships, with where they are stored. */
  private static final Map<String, String> SHIPPED =
      Map.of(
          "statuspage/github-incidents-2024-09-16.json", "/demo/github-incidents-2024-09-16.json");

  private static final Map<String, byte[]> ALL = load();

  private PayloadFixtures() {}

  /** One payload; a fresh copy, so a test may change it. */
  public static byte[] bytes(String path) {
    byte[] payload = ALL.get(path);
    if (payload == null) {
      throw new IllegalArgumentException("no fixture " + ROOT + path);
    }
    return payload.clone();
  }

  /** Every payload by path, in path order. */
  public static Map<String, byte[]> all() {
    return ALL;
  }

  private static Map<String, byte[]> load() {
    Map<String, byte[]> all = new TreeMap<>();
    Path root = directory(ROOT);
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String path = root.relativize(file).toString().replace('\\', '/');
        if (!path.endsWith(".md")) {
          all.put(path, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SHIPPED.forEach((path, resource) -> all.put(path, resource(resource)));
    for (Scenario scenario : Scenario.bundled()) {
      List<ScenarioEnvelope> lines = scenario.envelopes();
      for (int i = 0; i < lines.size(); i++) {
        ScenarioEnvelope line = lines.get(i);
        all.put(
            "scenarios/%s/%02d-%s.%s.json"
                .formatted(scenario.name(), i, line.provider(), line.format()),
            line.toRawStatus().payload());
      }
    }
    return Collections.unmodifiableMap(all);
  }

  private static byte[] resource(String name) {
    try (InputStream in = PayloadFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(String name) {
    URL url = PayloadFixtures.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("no fixture directory " + name + " on the test classpath");
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
