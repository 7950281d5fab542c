package dev.tandem.serde;

import dev.tandem.registry.CompatibilityLevel;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import dev.tandem.registry.RegisteredSchema;
import dev.tandem.registry.SchemaRegistryClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * An in-memory registry that counts the calls the serdes make, to see their caching and closing.
 */
final class RecordingRegistryClient implements SchemaRegistryClient {

  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  final AtomicInteger registerCalls = new AtomicInteger();
  final AtomicInteger getByIdCalls = new AtomicInteger();
  final AtomicInteger getLatestCalls = new AtomicInteger();
  final AtomicInteger closeCalls = new AtomicInteger();

  @Override
  public int register(String subject, Schema schema) {
    registerCalls.incrementAndGet();
    return registry.register(subject, schema);
  }

  @Override
  public int lookUpId(String subject, Schema schema) {
    return registry.lookUpId(subject, schema);
  }

  @Override
  public Schema getById(int id) {
    getByIdCalls.incrementAndGet();
    return registry.getById(id);
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    getLatestCalls.incrementAndGet();
    return registry.getLatest(subject);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return registry.isCompatible(subject, schema);
  }

  @Override
  public void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
    registry.setCompatibility(subjectOrNull, level);
  }

  @Override
  public CompatibilityLevel getCompatibility(String subjectOrNull) {
    return registry.getCompatibility(subjectOrNull);
  }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
  }
}
