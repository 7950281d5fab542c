package dev.tandem.simulate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.tandem.normalize.TandemAdapter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a simulation where {@code tandem evaluate} and people read it:
 *
 * <ul>
 *   <li>{@code NAME.jsonl}: the scenario, one envelope per update in the order a collector received
 *       them (by {@code receivedAt}, then provider, then update id);
 *   <li>{@code NAME.expected.json}: the planted outages, as {@code ExpectedOutcome} reads them;
 *   <li>{@code NAME.planted.json}: each planted outage in full, for whoever checks a result by
 *       hand.
 * </ul>
 *
 * Every byte follows from the simulation: fields in a fixed order, {@code \n} line ends whatever
 * the platform, times always with milliseconds.
 */
public final class SimulationFiles {

  /** What was written. */
  public record Written(Path scenario, Path expected, Path planted) {}

  // Like the scenario files: ISO-8601 in UTC, always with milliseconds.
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000};

  private static final JsonFactory JSON = new JsonFactory();

  private SimulationFiles() {}

  public static Written write(Simulation simulation, Path dir) throws IOException {
    String name = simulation.settings().name();
    Written written =
        new Written(
            dir.resolve(name + ".jsonl"),
            dir.resolve(name + ".expected.json"),
            dir.resolve(name + ".planted.json"));
    writeScenario(simulation, written.scenario());
    writeExpected(simulation, written.expected());
    writePlanted(simulation, written.planted());
    return written;
  }

  /** One line to write, with what it is sorted by at hand. */
  private record Line(long receivedAt, SimulatedIncident incident, SimulatedUpdate update) {}

  // By receivedAt, then provider, then update id. Written out rather than chained from
  // Comparator.comparing, whose key extraction on each of a big run's millions of comparisons
  // was the top of the profile.
  private static final Comparator<Line> RECEIVED_ORDER =
      (a, b) -> {
        int byTime = Long.compare(a.receivedAt(), b.receivedAt());
        if (byTime != 0) {
          return byTime;
        }
        int byProvider = a.incident().provider().compareTo(b.incident().provider());
        return byProvider != 0
            ? byProvider
            : a.update().updateId().compareTo(b.update().updateId());
      };

  private static void writeScenario(Simulation simulation, Path file) throws IOException {
    List<Line> lines = new ArrayList<>((int) simulation.updateCount());
    for (SimulatedIncident incident : simulation.incidents()) {
      for (SimulatedUpdate update : incident.updates()) {
        lines.add(new Line(update.receivedAt().toEpochMilli(), incident, update));
      }
    }
    lines.sort(RECEIVED_ORDER);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      // One envelope per line: the line end is ours, not Jackson's space between root values.
      json.setRootValueSeparator(null);
      for (Line line : lines) {
        writeEnvelope(json, line.incident(), line.update());
        json.writeRaw('\n');
      }
    }
  }

  private static void writeEnvelope(
      JsonGenerator json, SimulatedIncident incident, SimulatedUpdate update) throws IOException {
    json.writeStartObject();
    json.writeStringField("provider", incident.provider());
    json.writeStringField("format", TandemAdapter.FORMAT);
    json.writeStringField("receivedAt", time(update.receivedAt()));
    json.writeObjectFieldStart("payload");
    json.writeStringField("provider", incident.provider());
    json.writeStringField("incidentId", incident.incidentId());
    json.writeStringField("updateId", update.updateId());
    json.writeStringField("title", incident.title());
    json.writeStringField("status", update.status().name());
    json.writeStringField("impact", incident.impact().name());
    json.writeArrayFieldStart("components");
    json.writeEndArray();
    json.writeStringField("body", update.body());
    json.writeStringField("startedAt", time(incident.onset()));
    json.writeStringField("updatedAt", time(update.updatedAt()));
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeExpected(Simulation simulation, Path file) throws IOException {
    writePretty(
        file,
        json -> {
          json.writeStartObject();
          json.writeArrayFieldStart("outages");
          for (PlantedOutage outage : simulation.planted()) {
            json.writeStartObject();
            writeStrings(json, "providers", outage.providers());
            // Nothing declares the upstream, and no title names it: no cause can be told, so none
            // is expected.
            json.writeNullField("suspectedCause");
            json.writeStringField("finalState", "RESOLVED");
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeArrayFieldStart("incidents");
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void writePlanted(Simulation simulation, Path file) throws IOException {
    SimulationSettings settings = simulation.settings();
    writePretty(
        file,
        json -> {
          json.writeStartObject();
          json.writeStringField("name", settings.name());
          json.writeObjectFieldStart("settings");
          json.writeNumberField("providers", settings.providers());
          json.writeNumberField("days", settings.days());
          json.writeNumberField("shared", settings.shared());
          json.writeNumberField("seed", settings.seed());
          json.writeNumberField("minRatePerDay", settings.minRate());
          json.writeNumberField("maxRatePerDay", settings.maxRate());
          json.writeNumberField("minDependents", settings.minDependents());
          json.writeNumberField("maxDependents", settings.maxDependents());
          json.writeNumberField("maxLagSeconds", settings.maxLag().toSeconds());
          json.writeStringField("severityMix", settings.severityMix().toString());
          json.writeStringField("start", time(settings.start()));
          json.writeStringField("end", time(settings.end()));
          json.writeEndObject();
          json.writeNumberField("incidents", simulation.incidents().size());
          json.writeNumberField("updates", simulation.updateCount());
          json.writeArrayFieldStart("outages");
          for (PlantedOutage outage : simulation.planted()) {
            json.writeStartObject();
            json.writeNumberField("number", outage.number());
            writeStrings(json, "providers", outage.providers());
            json.writeFieldName("upstream");
            writeMember(json, simulation, outage, outage.upstream());
            json.writeArrayFieldStart("dependents");
            for (SimulatedIncident dependent : outage.dependents()) {
              writeMember(json, simulation, outage, dependent);
            }
            json.writeEndArray();
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        });
  }

  private static void writeMember(
      JsonGenerator json, Simulation simulation, PlantedOutage outage, SimulatedIncident incident)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("provider", incident.provider());
    json.writeStringField("incidentId", incident.incidentId());
    json.writeStringField("onset", time(incident.onset()));
    json.writeNumberField("lagSeconds", outage.lag(incident).toSeconds());
    json.writeStringField("resolvedAt", time(incident.resolvedAt()));
    json.writeStringField("impact", incident.impact().name());
    json.writeStringField("title", incident.title());
    json.writeNumberField("ratePerDay", simulation.rates().get(incident.provider()));
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private interface JsonBody {
    void write(JsonGenerator json) throws IOException;
  }

  /** A small file people read: indented, {@code \n} on every platform, ending with a newline. */
  private static void writePretty(Path file, JsonBody body) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
      body.write(json);
      json.writeRaw('\n');
    }
  }

  /**
   * {@code 2026-01-05T00:03:18.000Z}. Built by hand for the four-digit years any simulation has:
   * DateTimeFormatter, three times per line, was a large share of writing a big scenario.
   */
  static String time(Instant instant) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return TIME.format(instant);
    }
    StringBuilder text = new StringBuilder(24);
    digits(text, t.getYear(), 4).append('-');
    digits(text, t.getMonthValue(), 2).append('-');
    digits(text, t.getDayOfMonth(), 2).append('T');
    digits(text, t.getHour(), 2).append(':');
    digits(text, t.getMinute(), 2).append(':');
    digits(text, t.getSecond(), 2).append('.');
    return digits(text, t.getNano() / 1_000_000, 3).append('Z').toString();
  }

  private static StringBuilder digits(StringBuilder text, int value, int width) {
    for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
      text.append((char) ('0' + value / divisor % 10));
    }
    return text;
  }
}
