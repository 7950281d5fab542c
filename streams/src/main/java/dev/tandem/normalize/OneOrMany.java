package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * Documents that carry one item or a non-empty array of them (GCP incidents, canonical updates).
 */
final class OneOrMany {

  private OneOrMany() {}

  /** Whether the document is one item, or a non-empty array of nothing but items. */
  static boolean matches(JsonNode document, Predicate<JsonNode> isItem) {
    if (document == null) {
      return false;
    }
    if (document.isArray()) {
      if (document.isEmpty()) {
        return false;
      }
      for (JsonNode element : document) {
        if (!isItem.test(element)) {
          return false;
        }
      }
      return true;
    }
    return isItem.test(document);
  }
}
