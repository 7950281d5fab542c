package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The serializing half shared by the specific and generic serdes: finds the schema id for the
 * topic's subject (register, latest version or look-up), then writes the Confluent frame.
 * Thread-safe.
 */
final class AvroFrameWriter {

  private final RegistryBinding registry;
  private final boolean closesRegistry;

  /**
   * Makes the datum writer for a value's own schema; the value is there to find its SpecificData.
   */
  private final BiFunction<Schema, Object, DatumWriter<Object>> datumWriterFactory;

  private final ConcurrentMap<Schema, DatumWriter<Object>> datumWriters = new ConcurrentHashMap<>();

  /**
   * Per subject and value schema: the id to frame with, and how to rewrite into the latest schema
   * if needed.
   */
  private final ConcurrentMap<Target, Resolution> resolutions = new ConcurrentHashMap<>();

  private volatile SerdeConfig config = SerdeConfig.DEFAULTS;
  private volatile boolean isKey;

  AvroFrameWriter(
      RegistryBinding registry,
      boolean closesRegistry,
      BiFunction<Schema, Object, DatumWriter<Object>> datumWriterFactory) {
    this.registry = registry;
    this.closesRegistry = closesRegistry;
    this.datumWriterFactory = datumWriterFactory;
  }

  void configure(Map<String, ?> configs, boolean isKey) {
    registry.configure(configs);
    this.config = SerdeConfig.from(configs);
    this.isKey = isKey;
    resolutions.clear();
  }

  /** The frame of {@code value}, whose own schema is {@code schema}. */
  byte[] write(String topic, Schema schema, Object value) {
    String subject = TopicNameStrategy.subject(topic, isKey);
    try {
      Resolution resolution = resolve(new Target(subject, schema));
      DatumWriter<Object> writer =
          datumWriters.computeIfAbsent(schema, own -> datumWriterFactory.apply(own, value));
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      WireFormat.writeHeader(resolution.schemaId(), out);
      if (resolution.projection() == null) {
        encode(writer, value, out);
      } else {
        ByteArrayOutputStream own = new ByteArrayOutputStream(128);
        encode(writer, value, own);
        resolution.projection().rewrite(own.toByteArray(), out);
      }
      return out.toByteArray();
    } catch (SerializationException e) {
      throw e;
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot find the schema id of "
              + schema.getFullName()
              + " for subject '"
              + subject
              + "' (topic '"
              + topic
              + "'): "
              + e.getMessage(),
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot serialize "
              + schema.getFullName()
              + " for topic '"
              + topic
              + "' (subject '"
              + subject
              + "'): "
              + AvroFrameReader.describe(e),
          e);
    }
  }

  void close() {
    if (closesRegistry) {
      registry.close();
    }
  }

  private Resolution resolve(Target target) {
    Resolution known = resolutions.get(target);
    if (known != null) {
      return known;
    }
    // Outside computeIfAbsent: a registry call may take seconds and must not block other subjects'
    // writes.
    SchemaRegistryClient client = registry.client();
    SerdeConfig settings = config;
    Resolution resolution;
    if (settings.autoRegisterSchemas()) {
      resolution = new Resolution(client.register(target.subject(), target.schema()), null);
    } else if (settings.useLatestVersion()) {
      var latest = client.getLatest(target.subject());
      resolution = new Resolution(latest.id(), SchemaProjection.toLatest(target.schema(), latest));
    } else {
      resolution = new Resolution(client.lookUpId(target.subject(), target.schema()), null);
    }
    Resolution raced = resolutions.putIfAbsent(target, resolution);
    return raced != null ? raced : resolution;
  }

  private static void encode(DatumWriter<Object> writer, Object value, OutputStream out)
      throws IOException {
    // Each thread reuses its encoder, and with it the encoder's 2 KB buffer: a new one per record
    // was most of what encoding allocated (bench/RESULTS.md, serde). An unbuffered encoder
    // allocates nothing either but writes byte by byte, and was 40% slower.
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
    ENCODER.set(encoder);
    writer.write(value, encoder);
    encoder.flush();
  }

  private record Target(String subject, Schema schema) {}

  /** The encoder each thread last used; Kafka Streams' threads each serialize on their own. */
  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();

  private record Resolution(int schemaId, SchemaProjection projection) {}
}
