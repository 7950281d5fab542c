package dev.tandem.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the value. Byte for byte what Confluent's serializers write and expect.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** A frame around {@code avroBinary}. */
  public static byte[] frame(int schemaId, byte[] avroBinary) {
    return ByteBuffer.allocate(HEADER_SIZE + avroBinary.length)
        .put(MAGIC_BYTE)
        .putInt(schemaId)
        .put(avroBinary)
        .array();
  }

  /** Writes the header; the Avro binary must follow on the same stream. */
  public static void writeHeader(int schemaId, OutputStream out) throws IOException {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /** Reads the header; the payload shares {@code data} rather than copying it. */
  public static Framed parse(byte[] data) {
    if (data == null) {
      throw new SerializationException(
          "No data: the Confluent wire format needs a magic byte 0 and a 4-byte "
              + "schema id before the Avro data");
    }
    if (data.length > 0 && data[0] != MAGIC_BYTE) {
      throw new SerializationException(
          "Unknown magic byte "
              + data[0]
              + ": not Confluent wire format "
              + "(expected magic byte 0 followed by a 4-byte schema id and the Avro data)");
    }
    if (data.length < HEADER_SIZE) {
      throw new SerializationException(
          "Payload of "
              + data.length
              + " bytes is too short for the Confluent "
              + "wire format: it needs at least "
              + HEADER_SIZE
              + " (magic byte 0 and a 4-byte schema id)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    buffer.position(1);
    int schemaId = buffer.getInt();
    return new Framed(schemaId, buffer.slice());
  }

  /**
   * A parsed frame: the schema id and the Avro binary after the header (position 0 of {@code
   * payload}; backed by the frame's array at {@code payload.arrayOffset()}).
   */
  public record Framed(int schemaId, ByteBuffer payload) {

    /** A copy of the Avro binary. */
    public byte[] payloadBytes() {
      byte[] copy = new byte[payload.remaining()];
      payload.duplicate().get(copy);
      return copy;
    }
  }
}
