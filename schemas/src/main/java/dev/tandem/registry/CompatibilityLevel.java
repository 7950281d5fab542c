package dev.tandem.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * The Schema Registry's compatibility levels: which earlier versions of a subject a new schema is
 * checked against, and in which direction (BACKWARD: the new schema reads old data; FORWARD: old
 * schemas read new data).
 */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /**
   * Parses a level as the registry spells it; case-insensitive so hand-written configs work too.
   */
  public static CompatibilityLevel parse(String level) {
    if (level == null || level.isBlank()) {
      throw new IllegalArgumentException("Compatibility level is missing");
    }
    try {
      return valueOf(level.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown compatibility level '" + level + "'", e);
    }
  }

  /**
   * Why {@code candidate} may not become the next version of a subject whose versions are {@code
   * history} (oldest first); empty when it may.
   */
  List<String> violations(Schema candidate, List<Schema> history) {
    List<String> violations = new ArrayList<>();
    if (this == NONE || history.isEmpty()) {
      return violations;
    }
    int first = isTransitive() ? 0 : history.size() - 1;
    for (int index = first; index < history.size(); index++) {
      Schema previous = history.get(index);
      int version = index + 1;
      if (checksBackward()) {
        describe(
            candidate,
            previous,
            "new schema cannot read data written with version " + version,
            violations);
      }
      if (checksForward()) {
        describe(
            previous,
            candidate,
            "version " + version + " cannot read data written with the new schema",
            violations);
      }
    }
    return violations;
  }

  private boolean isTransitive() {
    return name().endsWith("_TRANSITIVE");
  }

  private boolean checksBackward() {
    return name().startsWith("BACKWARD") || name().startsWith("FULL");
  }

  private boolean checksForward() {
    return name().startsWith("FORWARD") || name().startsWith("FULL");
  }

  private static void describe(
      Schema reader, Schema writer, String direction, List<String> violations) {
    List<Incompatibility> incompatibilities =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
            .getResult()
            .getIncompatibilities();
    for (Incompatibility incompatibility : incompatibilities) {
      violations.add(
          direction
              + ": "
              + incompatibility.getType()
              + " at "
              + incompatibility.getLocation()
              + " ("
              + incompatibility.getMessage()
              + ")");
    }
  }
}
