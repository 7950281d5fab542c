package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.StatusUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Payloads from {@code src/test/resources/normalize}; its README says where each one comes from.
 */
final class Fixtures {

  static final String ROOT = "/normalize/";
  static final Instant RECEIVED_AT = Instant.parse("2025-01-01T00:00:00Z");

  private Fixtures() {}

  static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + ROOT + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A record of tandem.status.raw keyed by {@code provider} holding the fixture, read from {@code
   * source}.
   */
  static RawPayload raw(String provider, String path, String source) {
    return new RawPayload(provider, bytes(path), source, RECEIVED_AT);
  }

  static RawPayload raw(String provider, String path) {
    return raw(provider, path, null);
  }

  static RawPayload raw(String provider, byte[] bytes) {
    return new RawPayload(provider, bytes, null, RECEIVED_AT);
  }

  /**
   * Every payload copied from the shared scenarios, as paths relative to the fixture root. Files
   * are named {@code NN-<provider>.<format>.json}: the record key and the {@code tandem.format}
   * header.
   */
  static List<String> scenarioPayloads() {
    Path root = directory("scenarios");
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> "scenarios/" + root.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record key a scenario payload was published with, from its file name. */
  static String providerOf(String scenarioPayload) {
    String file = scenarioPayload.substring(scenarioPayload.lastIndexOf('/') + 1);
    return file.substring(file.indexOf('-') + 1, file.indexOf('.'));
  }

  /** The tandem.format header a scenario payload was published with, from its file name. */
  static String formatOf(String scenarioPayload) {
    String file = scenarioPayload.substring(scenarioPayload.lastIndexOf('/') + 1);
    return file.substring(file.indexOf('.') + 1, file.lastIndexOf('.'));
  }

  /** The updates of a payload that must parse; fails the test with the reason otherwise. */
  static List<StatusUpdate> updates(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).updates();
  }

  /** The reason a payload that must fail was refused. */
  static String reason(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Failed.class);
    return ((ParseResult.Failed) result).reason();
  }

  private static Path directory(String path) {
    URL url = Fixtures.class.getResource(ROOT + path);
    if (url == null) {
      throw new IllegalArgumentException("no fixture directory " + ROOT + path);
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
