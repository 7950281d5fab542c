package dev.tandem.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A 2xx answer of the registry, kept with its request so an unusable answer can be blamed
 * precisely.
 */
record RegistryReply(RegistryRequest request, String url, int status, JsonNode body) {

  int intField(String name) {
    JsonNode field = body.get(name);
    if (field == null || !field.canConvertToInt()) {
      throw unusable("expected an integer field \"" + name + "\" in " + excerpt(), null);
    }
    return field.asInt();
  }

  String textField(String name) {
    JsonNode field = body.get(name);
    if (field == null || !field.isTextual()) {
      throw unusable("expected a text field \"" + name + "\" in " + excerpt(), null);
    }
    return field.asText();
  }

  boolean booleanField(String name) {
    JsonNode field = body.get(name);
    if (field == null || !field.isBoolean()) {
      throw unusable("expected a boolean field \"" + name + "\" in " + excerpt(), null);
    }
    return field.asBoolean();
  }

  SchemaRegistryException unusable(String problem, Throwable cause) {
    return SchemaRegistryException.malformedResponse(
        request.method(), url, request.subject(), status, problem, cause);
  }

  private String excerpt() {
    return SchemaRegistryException.excerpt(body.toString());
  }
}
