package dev.tandem.normalize;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a payload as one JSON document within limits that keep hostile input cheap: anyone may
 * publish to {@code tandem.status.raw}, so size and nesting depth are capped before a tree is
 * built.
 */
final class BoundedJson {

  /** Real status documents are kilobytes; GitHub's full incidents.json is well under 1 MiB. */
  static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

  /** Statuspage documents nest about 5 levels deep; 64 leaves room for any sane format. */
  static final int MAX_NESTING_DEPTH = 64;

  /**
   * A summary.json of 500 components is about 20,000 tokens. Without a cap, 10 MiB of {@code
   * [0,0,…]} would build five million tree nodes.
   */
  static final long MAX_TOKENS = 1_000_000;

  private static final ObjectMapper JSON =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxDocumentLength(MAX_PAYLOAD_BYTES)
                          .maxTokenCount(MAX_TOKENS)
                          .build())
                  .build())
          // "{...} trailing garbage" is not one document; reading the first value would hide that.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private BoundedJson() {}

  /** The payload's JSON tree; throws {@link MalformedPayload} saying what is wrong with it. */
  static JsonNode read(byte[] bytes) {
    if (bytes == null) {
      throw new MalformedPayload(
          "record has no value (a tombstone): there is no payload to normalize");
    }
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      throw new MalformedPayload(tooLarge(bytes.length));
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw new MalformedPayload(exceeded(e));
    } catch (JsonProcessingException e) {
      throw new MalformedPayload(
          "payload is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
    } catch (IOException e) {
      throw new MalformedPayload("payload could not be read as JSON: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedPayload("payload is empty: a status document was expected");
    }
    return tree;
  }

  private static String exceeded(StreamConstraintsException e) {
    String message = String.valueOf(e.getOriginalMessage());
    String lowerCase = message.toLowerCase(Locale.ROOT);
    if (lowerCase.contains("nesting depth")) {
      return "payload nests JSON deeper than "
          + MAX_NESTING_DEPTH
          + " levels; no status format does that, so it is refused as hostile input";
    }
    if (lowerCase.contains("token count")) {
      return "payload holds more than "
          + MAX_TOKENS
          + " JSON tokens; no status document is that large, so it is refused as hostile input";
    }
    if (lowerCase.contains("document length")) {
      return tooLarge(MAX_PAYLOAD_BYTES + 1L);
    }
    return "payload exceeds a JSON reading limit: " + message;
  }

  /** The reason for a payload over the size limit; XML payloads share the limit and the wording. */
  static String tooLarge(long size) {
    return "payload is "
        + size
        + " bytes, more than the "
        + MAX_PAYLOAD_BYTES / (1024 * 1024)
        + " MiB Tandem accepts for one status document";
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
