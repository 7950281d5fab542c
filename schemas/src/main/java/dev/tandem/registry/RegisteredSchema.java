package dev.tandem.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry knows it: its number within the subject and its global
 * id.
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
