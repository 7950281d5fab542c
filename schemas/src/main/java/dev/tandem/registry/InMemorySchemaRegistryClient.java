package dev.tandem.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A registry in memory for unit and TopologyTestDriver tests, with the real one's semantics: one id
 * per distinct schema across subjects, versions from 1 per subject, compatibility enforced on
 * register (HTTP 409) and the registry's 404 error codes. Default level BACKWARD. Thread-safe.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private static final String BASE_URL = "mem://in-memory-schema-registry";
  private static final int SUBJECT_NOT_FOUND = 40401;
  private static final int SCHEMA_NOT_FOUND = 40403;
  private static final int INCOMPATIBLE = 409;

  private final Map<String, Integer> idsBySchemaText = new HashMap<>();
  private final Map<Integer, String> schemaTextsById = new HashMap<>();

  /** Per subject, the ids of its versions: version n is at index n - 1. */
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId;

  public InMemorySchemaRegistryClient() {
    this(1);
  }

  /** Starts ids at {@code firstId}, so tests can use ids whose four big-endian bytes all differ. */
  public InMemorySchemaRegistryClient(int firstId) {
    this.nextId = firstId;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    String text = schemaText(subject, schema);
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    Integer existing = idsBySchemaText.get(text);
    if (existing != null && versions.contains(existing)) {
      return existing;
    }
    List<String> violations = levelOf(subject).violations(schema, history(versions));
    if (!violations.isEmpty()) {
      throw rejected(
          "POST",
          subjectPath(subject) + "/versions",
          subject,
          INCOMPATIBLE,
          INCOMPATIBLE,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\", details: "
              + violations);
    }
    int id = existing != null ? existing : assignId(text);
    versionsBySubject.computeIfAbsent(subject, key -> new ArrayList<>()).add(id);
    return id;
  }

  @Override
  public synchronized int lookUpId(String subject, Schema schema) {
    String text = schemaText(subject, schema);
    List<Integer> versions = versionsOf("POST", subjectPath(subject), subject);
    Integer id = idsBySchemaText.get(text);
    if (id == null || !versions.contains(id)) {
      throw rejected(
          "POST", subjectPath(subject), subject, 404, SCHEMA_NOT_FOUND, "Schema not found");
    }
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    String text = schemaTextsById.get(id);
    if (text == null) {
      throw rejected(
          "GET", "/schemas/ids/" + id, null, 404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return parse(text);
  }

  @Override
  public synchronized RegisteredSchema getLatest(String subject) {
    List<Integer> versions = versionsOf("GET", subjectPath(subject) + "/versions/latest", subject);
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, versions.size(), id, parse(schemaTextsById.get(id)));
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    schemaText(subject, schema);
    List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
    return levelOf(subject).violations(schema, history(versions)).isEmpty();
  }

  @Override
  public synchronized void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
    Objects.requireNonNull(level, "level");
    if (subjectOrNull == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subjectOrNull, level);
    }
  }

  @Override
  public synchronized CompatibilityLevel getCompatibility(String subjectOrNull) {
    return subjectOrNull == null ? globalLevel : levelOf(subjectOrNull);
  }

  @Override
  public void close() {
    // Nothing to release; the state lives as long as the instance so tests can share it across
    // serdes.
  }

  private CompatibilityLevel levelOf(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<Schema> history(List<Integer> versions) {
    List<Schema> history = new ArrayList<>(versions.size());
    for (int id : versions) {
      history.add(parse(schemaTextsById.get(id)));
    }
    return history;
  }

  private List<Integer> versionsOf(String method, String path, String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw rejected(
          method, path, subject, 404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private int assignId(String text) {
    int id = nextId++;
    idsBySchemaText.put(text, id);
    schemaTextsById.put(id, text);
    return id;
  }

  private static String schemaText(String subject, Schema schema) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("A subject is required");
    }
    // Identity by the registered JSON text, as in the real registry.
    return Objects.requireNonNull(schema, "schema").toString();
  }

  // Callers get their own instance, as from a real registry, so nobody shares mutable schema props.
  private static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  private static String subjectPath(String subject) {
    return "/subjects/" + RegistryRequest.segment(subject);
  }

  private static SchemaRegistryException rejected(
      String method, String path, String subject, int status, int errorCode, String message) {
    return SchemaRegistryException.rejected(
        method, BASE_URL + path, subject, status, errorCode, message, 1);
  }
}
