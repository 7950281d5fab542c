package dev.tandem.normalize.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real payloads of {@code src/test/resources/normalize} that the fuzzers start from, by format:
 * every fixture a format's own tests read, the deliberately malformed ones included (they sit one
 * field away from valid, which is where mutations find the interesting paths).
 */
final class FuzzFixtures {

  /**
   * One real payload.
   *
   * @param path where it lives under the fixture root
   * @param provider the record key it was published with: the tandem format refuses a payload that
   *     names another provider than the key
   * @param bytes the payload
   */
  record Fixture(String path, String provider, byte[] bytes) {}

  private FuzzFixtures() {}

  static List<Fixture> of(String format) {
    return switch (format) {
      case "statuspage" ->
          files(
              f ->
                  f.startsWith("statuspage/")
                      || f.startsWith("malformed/")
                      || f.endsWith(".statuspage.json"));
      case "incidentio" -> files(f -> f.startsWith("incidentio/"));
      case "gcp" -> files(f -> f.startsWith("gcp/"));
      case "tandem" -> files(f -> f.startsWith("tandem/") || f.endsWith(".tandem.json"));
      case "rss" -> files(f -> f.startsWith("feeds/") && f.endsWith(".rss"));
      case "atom" -> files(f -> f.startsWith("feeds/") && f.endsWith(".atom"));
      default -> throw new IllegalArgumentException("no fixtures for format " + format);
    };
  }

  /** Whether a format's payloads are XML (feeds) rather than JSON. */
  static boolean isXml(String format) {
    return format.equals("rss") || format.equals("atom");
  }

  private static List<Fixture> files(java.util.function.Predicate<String> wanted) {
    Path root = root();
    try (Stream<Path> files = Files.walk(root)) {
      List<Fixture> fixtures =
          files
              .filter(Files::isRegularFile)
              .map(file -> root.relativize(file).toString().replace('\\', '/'))
              .filter(path -> !path.endsWith(".md") && wanted.test(path))
              .sorted()
              .map(path -> new Fixture(path, providerOf(path), read(root.resolve(path))))
              .toList();
      if (fixtures.isEmpty()) {
        throw new IllegalStateException("no fixtures matched under " + root);
      }
      return fixtures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code scenarios/…/NN-<provider>.<format>.json}, or {@code <provider>-<what>.json} for the
   * others.
   */
  private static String providerOf(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (path.startsWith("scenarios/")) {
      return file.substring(file.indexOf('-') + 1, file.indexOf('.'));
    }
    int dash = file.indexOf('-');
    return dash > 0 ? file.substring(0, dash) : "vendor";
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    URL url = FuzzFixtures.class.getResource("/normalize/");
    if (url == null) {
      throw new IllegalStateException("no fixture directory /normalize/ on the test classpath");
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
