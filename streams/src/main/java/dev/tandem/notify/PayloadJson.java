package dev.tandem.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON writer of the payload shapes. */
final class PayloadJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private PayloadJson() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
