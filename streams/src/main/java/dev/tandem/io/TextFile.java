package dev.tandem.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the text files a user hands to a command (scenarios, providers and dependency YAML,
 * properties): UTF-8 only, and a file that is not text fails with one line naming the file and
 * where it stops being text, e.g. {@code x.jsonl: not UTF-8 text (invalid byte 0x89 at line 1,
 * offset 0)}, instead of the JDK's "Input length = 1".
 */
public final class TextFile {

  private TextFile() {}

  /**
   * The file's text, without a leading byte order mark.
   *
   * @throws IllegalArgumentException naming the file: missing, a directory, unreadable, or not
   *     UTF-8 text
   */
  public static String read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such file: " + file, e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(file + ": permission denied", e);
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw new IllegalArgumentException(file + ": is a directory, not a file", e);
      }
      throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return decode(bytes, file.toString());
  }

  /**
   * Bytes as UTF-8 text, without a leading byte order mark.
   *
   * @param name what to call the input in the message (a file name, "stdin")
   * @throws IllegalArgumentException naming the input when the bytes are not UTF-8 text: an invalid
   *     sequence, or a NUL byte (binary data that happens to decode)
   */
  public static String decode(byte[] bytes, String name) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      throw new IllegalArgumentException(
          name
              + ": not UTF-8 text (invalid byte 0x"
              + String.format(Locale.ROOT, "%02x", bytes[offset] & 0xff)
              + " at "
              + where(bytes, offset)
              + ")");
    }
    decoder.flush(out);
    // Valid UTF-8 can still be binary (or UTF-16): no text file of ours holds a NUL.
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new IllegalArgumentException(
            name + ": binary data, not text (NUL byte at " + where(bytes, i) + ")");
      }
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * A Java properties file, read as UTF-8 (as {@code Files.newBufferedReader} would).
   *
   * @throws IllegalArgumentException naming the file when it is missing, not text, or not
   *     properties
   */
  public static Properties properties(Path file) {
    String text = read(file);
    Properties props = new Properties();
    try {
      props.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      // Properties#load's only complaint: "Malformed \\uxxxx encoding."
      throw new IllegalArgumentException(
          file + ": not a properties file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringReader does not fail", e);
    }
    return props;
  }

  private static String where(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return "line " + line + ", offset " + offset;
  }
}
