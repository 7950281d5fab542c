package dev.tandem.normalize.fuzz;

import dev.tandem.testing.PayloadFixtures;
import java.util.List;

/**
 * The real payloads ({@link PayloadFixtures}) that the fuzzers start from, by format: every fixture
 * a format's own tests read, the deliberately malformed ones included (they sit one field away from
 * valid, which is where mutations find the interesting paths).
 */
final class FuzzFixtures {

  /**
   * One real payload.
   *
   * @param path its fixture path
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
    List<Fixture> fixtures =
        PayloadFixtures.all().entrySet().stream()
            .filter(e -> wanted.test(e.getKey()))
            .map(e -> new Fixture(e.getKey(), providerOf(e.getKey()), e.getValue().clone()))
            .toList();
    if (fixtures.isEmpty()) {
      throw new IllegalStateException("no payload fixtures matched");
    }
    return fixtures;
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
}
