package dev.tandem.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder that refuses lengths and item counts larger than the bytes left in the message.
 * Plain Avro trusts them, so one corrupt length prefix makes it allocate gigabytes
 * (OutOfMemoryError) or loop for ages instead of failing; a corrupt record must fail like any other
 * bad record.
 */
final class BoundedDecoder extends Decoder {

  private final BinaryDecoder in;

  BoundedDecoder(BinaryDecoder in) {
    this.in = in;
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length("string");
    byte[] bytes = new byte[length];
    in.readFixed(bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(length("string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes");
    ByteBuffer result =
        old != null && old.hasArray() && length <= old.capacity()
            ? old.clear()
            : ByteBuffer.allocate(length);
    in.readFixed(result.array(), result.arrayOffset(), length);
    result.limit(length);
    return result;
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(length("bytes"));
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(in.readArrayStart(), "array");
  }

  @Override
  public long arrayNext() throws IOException {
    return items(in.arrayNext(), "array");
  }

  @Override
  public long skipArray() throws IOException {
    return items(in.skipArray(), "array");
  }

  @Override
  public long readMapStart() throws IOException {
    return items(in.readMapStart(), "map");
  }

  @Override
  public long mapNext() throws IOException {
    return items(in.mapNext(), "map");
  }

  @Override
  public long skipMap() throws IOException {
    return items(in.skipMap(), "map");
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }

  private int length(String what) throws IOException {
    long length = in.readLong();
    int remaining = remaining();
    if (length < 0 || length > remaining) {
      throw new EOFException(
          "Corrupt Avro data: "
              + what
              + " of "
              + length
              + " bytes with only "
              + remaining
              + " bytes left");
    }
    return (int) length;
  }

  // Every item of an array or map takes at least one byte in practice (map keys always do), so a
  // block
  // announcing more items than bytes left is corrupt.
  private long items(long count, String what) throws IOException {
    int remaining = remaining();
    if (count < 0 || count > remaining) {
      throw new EOFException(
          "Corrupt Avro data: "
              + what
              + " block of "
              + count
              + " items with only "
              + remaining
              + " bytes left");
    }
    return count;
  }

  private int remaining() throws IOException {
    return in.inputStream().available();
  }
}
