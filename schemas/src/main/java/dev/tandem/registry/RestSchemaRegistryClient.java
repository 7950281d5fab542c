package dev.tandem.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Talks the documented Confluent Schema Registry REST protocol (also served by Apicurio's ccompat
 * API) over the JDK HTTP client. Ids and schemas are cached forever, since a registry never
 * reassigns them; latest versions, compatibility answers and configs are not cached, since they
 * change.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  /** Confluent answers this error code when a subject has no level of its own. */
  private static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;

  private final RegistryClientConfig config;
  private final RegistryTransport transport;
  private final ConcurrentMap<SubjectSchema, Integer> idsBySubjectSchema =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.transport = new RegistryTransport(config);
  }

  /** A client for the Kafka-style config map; see {@link RegistryClientConfig} for the keys. */
  public static RestSchemaRegistryClient fromConfigs(Map<String, ?> configs) {
    return new RestSchemaRegistryClient(RegistryClientConfig.from(configs));
  }

  public RegistryClientConfig config() {
    return config;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer known = idsBySubjectSchema.get(key);
    if (known != null) {
      return known;
    }
    RegistryReply reply =
        send(RegistryRequest.post(subjectPath(subject) + "/versions", subject, schemaBody(schema)));
    int id = reply.intField("id");
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public int lookUpId(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer known = idsBySubjectSchema.get(key);
    if (known != null) {
      return known;
    }
    RegistryReply reply =
        send(RegistryRequest.post(subjectPath(subject), subject, schemaBody(schema)));
    int id = reply.intField("id");
    idsBySubjectSchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema known = schemasById.get(id);
    if (known != null) {
      return known;
    }
    RegistryReply reply = send(RegistryRequest.get("/schemas/ids/" + id, null));
    Schema schema = schemaOf(reply);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    RegistryReply reply =
        send(RegistryRequest.get(subjectPath(subject) + "/versions/latest", subject));
    RegisteredSchema latest =
        new RegisteredSchema(
            subject, reply.intField("version"), reply.intField("id"), schemaOf(reply));
    schemasById.putIfAbsent(latest.id(), latest.schema());
    return latest;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    RegistryReply reply =
        send(
            RegistryRequest.post(
                "/compatibility" + subjectPath(subject) + "/versions/latest",
                subject,
                schemaBody(schema)));
    return reply.booleanField("is_compatible");
  }

  @Override
  public void setCompatibility(String subjectOrNull, CompatibilityLevel level) {
    Objects.requireNonNull(level, "level");
    String body = json(Map.of("compatibility", level.name()));
    send(RegistryRequest.put(configPath(subjectOrNull), subjectOrNull, body));
  }

  @Override
  public CompatibilityLevel getCompatibility(String subjectOrNull) {
    RegistryReply reply;
    try {
      reply = send(RegistryRequest.get(configPath(subjectOrNull), subjectOrNull));
    } catch (SchemaRegistryException e) {
      // Confluent refuses to answer for a subject without its own level; the global one is what
      // applies.
      if (subjectOrNull != null && e.errorCode() == SUBJECT_LEVEL_NOT_CONFIGURED) {
        return getCompatibility(null);
      }
      throw e;
    }
    JsonNode level =
        reply.body().has("compatibilityLevel")
            ? reply.body().get("compatibilityLevel")
            : reply.body().get("compatibility");
    if (level == null || !level.isTextual()) {
      throw reply.unusable(
          "expected \"compatibilityLevel\" or \"compatibility\" in "
              + SchemaRegistryException.excerpt(reply.body().toString()),
          null);
    }
    try {
      return CompatibilityLevel.parse(level.asText());
    } catch (IllegalArgumentException e) {
      throw reply.unusable(e.getMessage(), e);
    }
  }

  /** Forgets the caches; the client must not be used afterwards. */
  @Override
  public void close() {
    closed = true;
    idsBySubjectSchema.clear();
    schemasById.clear();
  }

  private RegistryReply send(RegistryRequest request) {
    if (closed) {
      throw new IllegalStateException(
          "Schema Registry client for " + config.baseUrls() + " is closed");
    }
    return transport.send(request);
  }

  private static String subjectPath(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("A subject is required");
    }
    return "/subjects/" + RegistryRequest.segment(subject);
  }

  private static String configPath(String subjectOrNull) {
    return subjectOrNull == null ? "/config" : "/config/" + RegistryRequest.segment(subjectOrNull);
  }

  private static String schemaBody(Schema schema) {
    Objects.requireNonNull(schema, "schema");
    // Schema.toString() is the compact JSON Confluent's serializer registers, so both find the same
    // version.
    return json(Map.of("schema", schema.toString()));
  }

  private static String json(Map<String, String> fields) {
    try {
      return RegistryTransport.JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a JSON object of strings", e);
    }
  }

  private static Schema schemaOf(RegistryReply reply) {
    JsonNode type = reply.body().get("schemaType");
    if (type != null && type.isTextual() && !type.asText().equalsIgnoreCase("AVRO")) {
      throw reply.unusable("the schema is " + type.asText() + ", not AVRO", null);
    }
    String text = reply.textField("schema");
    try {
      // A fresh parser per schema: a parser remembers names, and two versions share their record
      // names.
      return new Schema.Parser().parse(text);
    } catch (AvroRuntimeException e) {
      throw reply.unusable("the schema is not valid Avro: " + e.getMessage(), e);
    }
  }

  /** Cache key: a schema as registered under one subject. */
  private record SubjectSchema(String subject, Schema schema) {}
}
