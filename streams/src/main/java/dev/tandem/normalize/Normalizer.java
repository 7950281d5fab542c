package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.raw.RawStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Picks the adapter for a raw payload, by its {@code tandem.format} header or, when that is
 * missing, by asking each adapter whether it recognizes the payload, and runs it: a payload that
 * starts with {@code <} is offered to the adapters by its XML root element, any other is read as
 * JSON. Whatever happens, the answer is a {@link ParseResult}: an adapter bug on one odd payload
 * must send that payload to the DLQ, not stop the stream.
 */
public final class Normalizer {

  private final Map<String, FormatAdapter> adapters;

  /**
   * @param adapters one per format; detection asks them in this order
   */
  public Normalizer(List<FormatAdapter> adapters) {
    Map<String, FormatAdapter> byFormat = new LinkedHashMap<>();
    for (FormatAdapter adapter : adapters) {
      String format = adapter.format().strip().toLowerCase(Locale.ROOT);
      if (byFormat.putIfAbsent(format, adapter) != null) {
        throw new IllegalArgumentException("two adapters for format '" + format + "'");
      }
    }
    if (byFormat.isEmpty()) {
      throw new IllegalArgumentException("a normalizer needs at least one adapter");
    }
    this.adapters = Collections.unmodifiableMap(byFormat);
  }

  /**
   * The formats Tandem reads today. incident.io comes before Statuspage: its incident history is
   * also an {@code incidents} array, which only incident.io's recognizer tells apart.
   */
  public static Normalizer withDefaultAdapters() {
    return new Normalizer(
        List.of(
            new IncidentIoAdapter(),
            new StatuspageAdapter(),
            new GcpAdapter(),
            new TandemAdapter(),
            new RssAdapter(),
            new AtomAdapter()));
  }

  /** The formats this normalizer reads, in detection order. */
  public List<String> formats() {
    return List.copyOf(adapters.keySet());
  }

  /**
   * @param raw the record; its format (the {@code tandem.format} header) null or blank to detect
   */
  public ParseResult normalize(RawStatus raw) {
    if (raw == null) {
      return ParseResult.failed("there is no record to normalize");
    }
    String formatHeaderOrNull = raw.format();
    if (formatHeaderOrNull == null || formatHeaderOrNull.isBlank()) {
      return detectAndParse(raw);
    }
    String format = formatHeaderOrNull.strip().toLowerCase(Locale.ROOT);
    FormatAdapter adapter = adapters.get(format);
    if (adapter == null) {
      return ParseResult.failed(
          "unknown "
              + RawStatus.FORMAT_HEADER
              + " "
              + PayloadObject.quote(formatHeaderOrNull.strip())
              + "; known formats: "
              + String.join(", ", formats()));
    }
    return run(adapter, raw);
  }

  /**
   * The chosen adapter reads the bytes again: detection is the rare path (collectors set the
   * header), and the adapter interface stays a plain function of the raw record.
   */
  private ParseResult detectAndParse(RawStatus raw) {
    if (BoundedXml.looksLikeXml(raw.payload())) {
      // Only the root element is read to choose; the chosen adapter reads the whole document.
      XmlElement root;
      try {
        root = BoundedXml.root(raw.payload());
      } catch (MalformedPayload e) {
        return undetectable(e);
      }
      return detect(
          raw,
          adapter -> adapter.recognizesXmlRoot(root.namespace(), root.name()),
          "the XML payload's root element " + root.qualifiedName() + " is");
    }
    JsonNode document;
    try {
      document = BoundedJson.read(raw.payload());
    } catch (MalformedPayload e) {
      return undetectable(e);
    }
    return detect(raw, adapter -> adapter.recognizes(document), "the payload looks like");
  }

  /** The first adapter that recognizes the payload parses it; an adapter that throws is skipped. */
  private ParseResult detect(RawStatus raw, Predicate<FormatAdapter> recognizes, String seen) {
    List<String> failedDetectors = new ArrayList<>();
    for (FormatAdapter adapter : adapters.values()) {
      try {
        if (recognizes.test(adapter)) {
          return run(adapter, raw);
        }
      } catch (RuntimeException e) {
        failedDetectors.add(adapter.format() + " (" + describe(e) + ")");
      }
    }
    String detectorTrouble =
        failedDetectors.isEmpty() ? "" : "; detection failed for " + failedDetectors;
    return ParseResult.failed(
        "no "
            + RawStatus.FORMAT_HEADER
            + " header and "
            + seen
            + " none of the known formats ("
            + String.join(", ", formats())
            + ")"
            + detectorTrouble
            + "; set the "
            + RawStatus.FORMAT_HEADER
            + " header");
  }

  private ParseResult undetectable(MalformedPayload e) {
    return ParseResult.failed(
        "no "
            + RawStatus.FORMAT_HEADER
            + " header and the format cannot be detected: "
            + e.getMessage()
            + "; set the header to one of: "
            + String.join(", ", formats()));
  }

  private static ParseResult run(FormatAdapter adapter, RawStatus raw) {
    try {
      ParseResult result = adapter.parse(raw);
      if (result == null) {
        return ParseResult.failed(
            adapter.format() + " adapter returned no result for this payload (an adapter bug)");
      }
      return result;
    } catch (RuntimeException e) {
      return ParseResult.failed(
          adapter.format()
              + " adapter failed unexpectedly on this payload (an adapter bug): "
              + describe(e));
    }
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
