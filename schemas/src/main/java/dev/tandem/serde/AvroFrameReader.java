package dev.tandem.serde;

import dev.tandem.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The deserializing half shared by the specific and generic serdes: parses the Confluent frame,
 * fetches the writer schema by id and decodes. Every failure becomes a SerializationException
 * naming topic and schema id. Thread-safe.
 */
final class AvroFrameReader {

  private final RegistryBinding registry;
  private final boolean closesRegistry;

  /** Makes the datum reader for a writer schema; the reader schema is the serde's business. */
  private final Function<Schema, DatumReader<Object>> datumReaderFactory;

  private final ConcurrentMap<Integer, DatumReader<Object>> datumReaders =
      new ConcurrentHashMap<>();
  private volatile boolean isKey;

  AvroFrameReader(
      RegistryBinding registry,
      boolean closesRegistry,
      Function<Schema, DatumReader<Object>> datumReaderFactory) {
    this.registry = registry;
    this.closesRegistry = closesRegistry;
    this.datumReaderFactory = datumReaderFactory;
  }

  void configure(Map<String, ?> configs, boolean isKey) {
    registry.configure(configs);
    this.isKey = isKey;
    datumReaders.clear();
  }

  /** The value in {@code data}, or null for null or empty data (tombstones). */
  Object read(String topic, byte[] data) {
    if (data == null || data.length == 0) {
      return null;
    }
    WireFormat.Framed frame;
    try {
      frame = WireFormat.parse(data);
    } catch (SerializationException e) {
      throw new SerializationException(
          "Cannot deserialize the "
              + part()
              + " of a record from topic '"
              + topic
              + "': "
              + e.getMessage(),
          e);
    }
    DatumReader<Object> reader = datumReader(topic, frame.schemaId());
    ByteBuffer payload = frame.payload();
    try {
      var decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  payload.array(),
                  payload.arrayOffset() + payload.position(),
                  payload.remaining(),
                  null);
      return reader.read(null, new BoundedDecoder(decoder));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot deserialize the "
              + part()
              + " of a record from topic '"
              + topic
              + "' written with schema id "
              + frame.schemaId()
              + ": corrupt or unreadable Avro data: "
              + describe(e),
          e);
    }
  }

  void close() {
    if (closesRegistry) {
      registry.close();
    }
  }

  private DatumReader<Object> datumReader(String topic, int schemaId) {
    DatumReader<Object> known = datumReaders.get(schemaId);
    if (known != null) {
      return known;
    }
    DatumReader<Object> reader;
    try {
      reader = datumReaderFactory.apply(registry.client().getById(schemaId));
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot deserialize the "
              + part()
              + " of a record from topic '"
              + topic
              + "': writer schema id "
              + schemaId
              + " could not be fetched: "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      throw new SerializationException(
          "Cannot deserialize the "
              + part()
              + " of a record from topic '"
              + topic
              + "' written with schema id "
              + schemaId
              + ": "
              + describe(e),
          e);
    }
    DatumReader<Object> raced = datumReaders.putIfAbsent(schemaId, reader);
    return raced != null ? raced : reader;
  }

  private String part() {
    return isKey ? "key" : "value";
  }

  /** A cause in one line even when it has no message (EOFException, NullPointerException...). */
  static String describe(Throwable e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
