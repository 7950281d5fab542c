package dev.tandem.registry;

import java.io.Closeable;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API that the serdes and tooling need. Implementations
 * are thread-safe; every failure surfaces as a {@link SchemaRegistryException}.
 */
public interface SchemaRegistryClient extends Closeable {

  /**
   * Registers {@code schema} under {@code subject} (or finds it already there) and returns its
   * global id.
   */
  int register(String subject, Schema schema);

  /**
   * The id of a schema already registered under {@code subject}; fails with HTTP 404 when it is
   * not.
   */
  int lookUpId(String subject, Schema schema);

  /**
   * The schema with this global id; ids are immutable, so implementations may cache the answer
   * forever.
   */
  Schema getById(int id);

  /** The newest version registered under {@code subject}. */
  RegisteredSchema getLatest(String subject);

  /**
   * Whether {@code schema} could be registered as the next version of {@code subject} under its
   * level.
   */
  boolean isCompatible(String subject, Schema schema);

  /** Sets the level of one subject, or the global level when {@code subjectOrNull} is null. */
  void setCompatibility(String subjectOrNull, CompatibilityLevel level);

  /** The level of one subject (falling back to the global level), or the global level for null. */
  CompatibilityLevel getCompatibility(String subjectOrNull);

  @Override
  void close();
}
