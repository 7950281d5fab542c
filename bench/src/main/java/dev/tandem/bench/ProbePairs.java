package dev.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The outages whose alerts the latency probe times: pair k is {@code probe-up-k} and {@code
 * probe-down-k}, declared upstream and dependent, so the second one's incident makes an outage of
 * two providers on evidence alone, whatever the background does. Each pair is used once, so every
 * probe is a new outage with an OPEN of its own.
 */
final class ProbePairs {

  /** The dependent's onset after the upstream's: well inside the dependency window (90 min). */
  static final Duration LAG = Duration.ofMinutes(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int count;

  ProbePairs(int count) {
    this.count = count;
  }

  int count() {
    return count;
  }

  static String upstream(int k) {
    return String.format(Locale.ROOT, "probe-up-%05d", k);
  }

  static String dependent(int k) {
    return String.format(Locale.ROOT, "probe-down-%05d", k);
  }

  /** A dependencies file declaring every pair, in the shape of the shipped dependencies.yaml. */
  Path writeDependencies(Path file) {
    StringBuilder yaml = new StringBuilder("dependencies:\n");
    for (int k = 0; k < count; k++) {
      yaml.append("  ").append(dependent(k)).append(": [").append(upstream(k)).append("]\n");
    }
    try {
      return Files.writeString(file, yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** The upstream's first update (investigating), received at {@code at}. */
  static RawStatus upstreamRecord(int k, Instant at) {
    return investigating(upstream(k), at);
  }

  /** The dependent's first update, {@link #LAG} after the upstream's. */
  static RawStatus dependentRecord(int k, Instant upstreamAt) {
    return investigating(dependent(k), upstreamAt.plus(LAG));
  }

  /** One canonical ({@code tandem} format) update opening a major incident at {@code at}. */
  private static RawStatus investigating(String provider, Instant at) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("provider", provider);
    payload.put("incidentId", provider + "-1");
    payload.put("updateId", provider + "-1-1");
    payload.put("title", "Elevated errors");
    payload.put("status", "INVESTIGATING");
    payload.put("impact", "MAJOR");
    payload.putArray("components");
    payload.put("body", "We are investigating elevated error rates.");
    payload.put("startedAt", at.toString());
    payload.put("updatedAt", at.toString());
    return new RawStatus(
        provider, "tandem", "bench:probe", at, payload.toString().getBytes(StandardCharsets.UTF_8));
  }
}
