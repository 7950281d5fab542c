package dev.tandem.serde;

import dev.tandem.registry.RegisteredSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Rewrites a value encoded with its own schema into the encoding of a subject's latest schema
 * (use.latest.version), by Avro schema resolution: fields are matched by name, fields the value
 * lacks get the latest schema's defaults.
 */
final class SchemaProjection {

  private final GenericDatumReader<Object> reader;
  private final GenericDatumWriter<Object> writer;

  private SchemaProjection(Schema own, Schema target) {
    // Plain GenericData, no logical-type conversions: values travel as their raw Avro form,
    // unchanged.
    this.reader = new GenericDatumReader<>(own, target, GenericData.get());
    this.writer = new GenericDatumWriter<>(target, GenericData.get());
  }

  /**
   * The projection from {@code own} to the latest schema, or null when they are the same schema.
   * Fails when the latest schema cannot represent every value of {@code own}.
   */
  static SchemaProjection toLatest(Schema own, RegisteredSchema latest) {
    if (latest.schema().equals(own)) {
      return null;
    }
    SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), own);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      String problems =
          compatibility.getResult().getIncompatibilities().stream()
              .map(
                  problem ->
                      problem.getType()
                          + " at "
                          + problem.getLocation()
                          + " ("
                          + problem.getMessage()
                          + ")")
              .collect(Collectors.joining("; "));
      throw new SerializationException(
          "The latest schema of subject '"
              + latest.subject()
              + "' (version "
              + latest.version()
              + ", id "
              + latest.id()
              + ") cannot represent a "
              + own.getFullName()
              + " written with the serializer's schema: "
              + problems);
    }
    return new SchemaProjection(own, latest.schema());
  }

  void rewrite(byte[] ownBinary, OutputStream out) throws IOException {
    Object value = reader.read(null, DecoderFactory.get().binaryDecoder(ownBinary, null));
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    writer.write(value, encoder);
    encoder.flush();
  }
}
