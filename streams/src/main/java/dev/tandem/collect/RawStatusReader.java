package dev.tandem.collect;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.ScenarioEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns text a user hands to {@code tandem publish} into {@link RawStatus} records: one per JSON
 * line, the whole document as one record, or scenario envelopes. Every record is checked before any
 * is published, so a bad line stops the run instead of publishing half a file.
 */
public final class RawStatusReader {

  /** How the input is split into records. */
  public enum Mode {
    /** One record per non-blank line. */
    LINES,
    /** The whole input is one record (a fetched incidents.json, a feed). */
    WHOLE,
    /** One scenario envelope per line: key, format and timestamp come from the envelope. */
    ENVELOPES
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Mode mode;
  private final String fixedProvider;
  private final JsonPointer keyPointer;
  private final String format;
  private final String source;
  private final Clock clock;

  /**
   * @param fixedProvider key for every record, or null to read it from each JSON record
   * @param keyPointer where the key is inside a JSON record when no fixed provider is given
   * @param format the {@code tandem.format} header, or null (envelopes carry their own)
   */
  public RawStatusReader(
      Mode mode,
      String fixedProvider,
      String keyPointer,
      String format,
      String source,
      Clock clock) {
    this.mode = mode;
    this.fixedProvider = fixedProvider;
    try {
      this.keyPointer = JsonPointer.compile(keyPointer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--key must be a JSON pointer such as /provider: " + keyPointer);
    }
    this.format = format;
    this.source = source;
    this.clock = clock;
  }

  public List<RawStatus> read(String input, String inputName) {
    if (mode == Mode.WHOLE) {
      if (input.isBlank()) {
        throw new IllegalArgumentException(inputName + " is empty");
      }
      try {
        return List.of(record(input));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(inputName + ": " + e.getMessage(), e);
      }
    }
    List<RawStatus> records = new ArrayList<>();
    String[] lines = input.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      String where = inputName + " line " + (i + 1);
      try {
        records.add(
            mode == Mode.ENVELOPES
                ? withOverrides(ScenarioEnvelope.parse(line).toRawStatus())
                : record(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(inputName + " has no records");
    }
    return records;
  }

  private RawStatus withOverrides(RawStatus envelope) {
    return new RawStatus(
        fixedProvider != null ? fixedProvider : envelope.provider(),
        format != null ? format : envelope.format(),
        source,
        envelope.receivedAt(),
        envelope.payload());
  }

  private RawStatus record(String text) {
    String provider = fixedProvider != null ? fixedProvider : keyOf(text);
    return new RawStatus(
        provider, format, source, clock.instant(), text.getBytes(StandardCharsets.UTF_8));
  }

  private String keyOf(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not JSON, so no key can be read from it (give --provider to publish it as is): "
              + e.getOriginalMessage());
    }
    JsonNode key = node == null ? null : node.at(keyPointer);
    if (key == null
        || key.isMissingNode()
        || key.isNull()
        || !key.isValueNode()
        || key.asText().isBlank()) {
      throw new IllegalArgumentException(
          "no key at " + keyPointer + " (give --key POINTER or --provider ID)");
    }
    return key.asText();
  }
}
