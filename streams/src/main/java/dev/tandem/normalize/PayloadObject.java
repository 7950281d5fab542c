package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A JSON object inside a payload, read field by field. Every failure names the object and the field
 * ("statuspage incident 'abc' has no 'id'") so a person can find the problem in the payload.
 *
 * @param node the JSON object
 * @param name what the object is, as failure reasons call it
 */
record PayloadObject(JsonNode node, String name) {

  /**
   * Quoted values in reasons are cut here: a reason is a header on the DLQ record, not a copy of
   * the payload.
   */
  private static final int LONGEST_QUOTED_VALUE = 80;

  static PayloadObject of(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      throw new MalformedPayload(name + " is " + describe(node) + ", expected a JSON object");
    }
    return new PayloadObject(node, name);
  }

  PayloadObject named(String newName) {
    return new PayloadObject(node, newName);
  }

  /** Whether the field is present with a value other than null. */
  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  boolean flag(String field) {
    JsonNode value = node.get(field);
    return value != null && value.asBoolean(false);
  }

  /**
   * The field's text; empty when missing, null or blank. Numbers and booleans read as their text.
   */
  Optional<String> text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isContainerNode()) {
      throw new MalformedPayload(
          name + " has '" + field + "' as " + describe(value) + ", expected text");
    }
    String text = value.asText();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  String requiredText(String field) {
    return text(field).orElseThrow(() -> missing(field));
  }

  /** The field as an instant; empty when missing or null, a failure when present but unreadable. */
  Optional<Instant> instant(String field) {
    Optional<String> text = text(field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        VendorTime.parse(text.get())
            .orElseThrow(
                () ->
                    new MalformedPayload(
                        name
                            + " has an unreadable '"
                            + field
                            + "' timestamp "
                            + quote(text.get())
                            + ": "
                            + VendorTime.EXPECTED)));
  }

  /**
   * The first of the fields that holds a timestamp; a failure naming all of them when none does.
   */
  Instant firstInstant(String... fields) {
    for (String field : fields) {
      Optional<Instant> instant = instant(field);
      if (instant.isPresent()) {
        return instant.get();
      }
    }
    throw new MalformedPayload(name + " has no " + fieldList(fields) + " timestamp");
  }

  Optional<PayloadObject> object(String field, String objectName) {
    return has(field) ? Optional.of(of(node.get(field), objectName)) : Optional.empty();
  }

  /**
   * The objects of an array field, each named by {@code nameOfElement} with its 1-based position;
   * empty when the field is missing or null.
   */
  List<PayloadObject> objects(String field, String nameOfElement) {
    List<PayloadObject> objects = new ArrayList<>();
    int position = 1;
    for (JsonNode element : array(field)) {
      objects.add(of(element, nameOfElement + " #" + position++));
    }
    return objects;
  }

  /** The texts of an array field; empty when missing or null. */
  List<String> texts(String field) {
    List<String> texts = new ArrayList<>();
    for (JsonNode element : array(field)) {
      if (element.isValueNode() && !element.isNull() && !element.asText().isBlank()) {
        texts.add(element.asText());
      }
    }
    return texts;
  }

  /**
   * The field names present, for reasons that say what a payload holds instead of what was
   * expected.
   */
  String fieldNames() {
    List<String> names = new ArrayList<>();
    Iterator<String> iterator = node.fieldNames();
    while (iterator.hasNext() && names.size() < 10) {
      names.add(quote(iterator.next()));
    }
    if (iterator.hasNext()) {
      names.add("…");
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  MalformedPayload missing(String field) {
    return new MalformedPayload(name + " has no '" + field + "'");
  }

  private Iterable<JsonNode> array(String field) {
    if (!has(field)) {
      return List.of();
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      throw new MalformedPayload(
          name + " has '" + field + "' as " + describe(value) + ", expected an array");
    }
    return value;
  }

  /**
   * A value as reasons quote it: in single quotes and cut short, so hostile values cannot bloat the
   * DLQ.
   */
  static String quote(String value) {
    String shown =
        value.length() > LONGEST_QUOTED_VALUE
            ? value.substring(0, LONGEST_QUOTED_VALUE) + "…"
            : value;
    return "'" + shown + "'";
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "a JSON object";
      case ARRAY -> "a JSON array";
      case STRING -> "a JSON string";
      case NUMBER -> "a JSON number";
      case BOOLEAN -> "a JSON boolean";
      case NULL -> "JSON null";
      default -> "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String fieldList(String... fields) {
    List<String> quoted =
        Arrays.stream(fields).map(f -> "'" + f + "'").collect(Collectors.toList());
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " or "
        + quoted.get(quoted.size() - 1);
  }
}
