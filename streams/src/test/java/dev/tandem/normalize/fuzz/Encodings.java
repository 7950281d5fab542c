package dev.tandem.normalize.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A payload in the wrong encoding: the same text as UTF-16 or UTF-32 (with and without byte order
 * mark), Latin-1 or windows-1252 bytes, EBCDIC, UTF-8 with a byte order mark, a byte order mark
 * that lies, an XML declaration naming another encoding than the bytes are in, and UTF-8 that is
 * not quite UTF-8 (encoded surrogates, overlong NULs). Non-ASCII text is put in first, or many of
 * these would be the same bytes as the original.
 */
final class Encodings {

  private static final List<String> NON_ASCII =
      List.of(
          "é", "über", "Straße", "—", "“quoted”", "日本語", "🚨", "\u00a0", "\u2028", "\ufeff", "ÿ");

  private static final List<String> DECLARED =
      List.of(
          "UTF-16",
          "UTF-16LE",
          "ISO-8859-1",
          "windows-1252",
          "US-ASCII",
          "UTF-32",
          "EBCDIC-CP-US",
          "x-no-such-charset",
          "",
          "UTF-8\" standalone=\"yes");

  private Encodings() {}

  static byte[] reencode(byte[] original, boolean xml, Random random, List<String> how) {
    String text = withNonAscii(new String(original, StandardCharsets.UTF_8), xml, random, how);
    switch (random.nextInt(14)) {
      case 0 -> {
        how.add("UTF-16 with byte order mark");
        return text.getBytes(StandardCharsets.UTF_16);
      }
      case 1 -> {
        how.add("UTF-16BE without byte order mark");
        return text.getBytes(StandardCharsets.UTF_16BE);
      }
      case 2 -> {
        how.add("UTF-16LE without byte order mark");
        return text.getBytes(StandardCharsets.UTF_16LE);
      }
      case 3 -> {
        how.add("UTF-16LE with byte order mark");
        return concat(
            new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
      }
      case 4 -> {
        String charset = random.nextBoolean() ? "UTF-32BE" : "UTF-32LE";
        how.add(charset);
        return text.getBytes(Charset.forName(charset));
      }
      case 5 -> {
        how.add("UTF-8 with byte order mark");
        return concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            text.getBytes(StandardCharsets.UTF_8));
      }
      case 6 -> {
        how.add("ISO-8859-1");
        return text.getBytes(StandardCharsets.ISO_8859_1);
      }
      case 7 -> {
        how.add("windows-1252");
        return text.getBytes(Charset.forName("windows-1252"));
      }
      case 8 -> {
        how.add("EBCDIC (IBM037)");
        return text.getBytes(Charset.forName("IBM037"));
      }
      case 9 -> {
        how.add("UTF-16 cut to an odd number of bytes");
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16);
        return java.util.Arrays.copyOf(utf16, Math.max(0, utf16.length - 1));
      }
      case 10 -> {
        how.add("UTF-16LE byte order mark before UTF-8 bytes");
        return concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_8));
      }
      case 11 -> {
        how.add("CESU-8 (surrogates encoded one by one) with overlong NULs");
        return cesu8(text + "\u0000");
      }
      case 12 -> {
        String declared = DECLARED.get(random.nextInt(DECLARED.size()));
        how.add("UTF-8 bytes declaring encoding \"" + declared + "\"");
        return declaring(text, declared).getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        String declared = random.nextBoolean() ? "UTF-8" : "ISO-8859-1";
        how.add("UTF-16 bytes declaring encoding \"" + declared + "\"");
        return declaring(text, declared).getBytes(StandardCharsets.UTF_16LE);
      }
    }
  }

  /** Non-ASCII text put in after a few quotes (JSON) or tag ends (XML): inside values, mostly. */
  private static String withNonAscii(String text, boolean xml, Random random, List<String> how) {
    char after = xml ? '>' : '"';
    StringBuilder result = new StringBuilder(text);
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      int at = result.indexOf(String.valueOf(after), random.nextInt(result.length() + 1));
      String inserted = NON_ASCII.get(random.nextInt(NON_ASCII.size()));
      result.insert(at < 0 ? result.length() : at + 1, inserted);
    }
    how.add(count + " non-ASCII texts put in");
    return result.toString();
  }

  /** The text with its XML declaration naming {@code encoding}; one is added when it has none. */
  private static String declaring(String text, String encoding) {
    String declaration = "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>";
    if (text.startsWith("<?xml")) {
      int end = text.indexOf("?>");
      return declaration + (end < 0 ? text : text.substring(end + 2));
    }
    return declaration + text;
  }

  private static byte[] cesu8(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        out.write(0xC0);
        out.write(0x80);
      } else if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else {
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] result = new byte[a.length + b.length];
    System.arraycopy(a, 0, result, 0, a.length);
    System.arraycopy(b, 0, result, a.length, b.length);
    return result;
  }
}
