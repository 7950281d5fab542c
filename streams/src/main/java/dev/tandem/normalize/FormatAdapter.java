package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.raw.RawStatus;

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

  /**
   * Whether an XML payload whose root element has this name is this format; used when the header is
   * missing. False unless the format is XML.
   *
   * @param namespaceUri the root element's namespace URI, empty when it has none
   * @param localName the root element's local name, e.g. {@code rss}
   */
  default boolean recognizesXmlRoot(String namespaceUri, String localName) {
    return false;
  }

  ParseResult parse(RawStatus raw);
}
