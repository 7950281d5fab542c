package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One vendor format: a pure function from payload bytes to status updates. Implementations never
 * throw for bad input; they return {@link ParseResult.Failed} with a reason instead.
 */
public interface FormatAdapter {

  /** The {@code tandem.format} header value this adapter reads, e.g. {@code statuspage}. */
  String format();

  /**
   * Whether a parsed JSON payload looks like this format; used when the header is missing. May
   * always be false for formats that are not JSON.
   */
  boolean recognizes(JsonNode document);

  ParseResult parse(RawPayload raw);
}
