package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import dev.tandem.testing.PayloadFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The {@link PayloadFixtures} as the normalize tests use them. */
final class Fixtures {

  static final Instant RECEIVED_AT = Instant.parse("2025-01-01T00:00:00Z");

  private Fixtures() {}

  static byte[] bytes(String path) {
    return PayloadFixtures.bytes(path);
  }

  /** A fixture as text, for a test that changes one thing in it. */
  static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /**
   * A record of tandem.status.raw keyed by {@code provider} holding the fixture, read from {@code
   * source}.
   */
  static RawStatus raw(String provider, String path, String source) {
    return new RawStatus(provider, null, source, RECEIVED_AT, bytes(path));
  }

  static RawStatus raw(String provider, String path) {
    return raw(provider, path, null);
  }

  static RawStatus raw(String provider, byte[] bytes) {
    return new RawStatus(provider, null, null, RECEIVED_AT, bytes);
  }

  /**
   * Every payload of the bundled scenarios, as fixture paths. They are named {@code
   * NN-<provider>.<format>.json}: the record key and the {@code tandem.format} header.
   */
  static List<String> scenarioPayloads() {
    return PayloadFixtures.all().keySet().stream()
        .filter(path -> path.startsWith("scenarios/"))
        .toList();
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
}
