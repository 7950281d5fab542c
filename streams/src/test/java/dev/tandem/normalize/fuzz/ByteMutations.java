package dev.tandem.normalize.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Byte-level damage to a payload, blind to its structure: flipped bits, inserted, deleted and
 * repeated ranges, tokens of JSON and XML dropped in at random, bytes that are not UTF-8. What a
 * flaky proxy, a bad copy or a hostile publisher makes of a document.
 */
final class ByteMutations {

  /** Every generated payload stays at or under this, so a try costs milliseconds, not seconds. */
  static final int MAX_INPUT = 1024 * 1024;

  /** Dropped in whole: tokens that change what a parser thinks it is reading. */
  private static final List<byte[]> TOKENS = new ArrayList<>();

  static {
    for (String token :
        List.of(
            "{",
            "}",
            "[",
            "]",
            "\"",
            ":",
            ",",
            "null",
            "true",
            "-",
            "0",
            "-0",
            "1e999999",
            "-1e-999999",
            "12345678901234567890123456789",
            "\"\"",
            "\\",
            "\\u0000",
            "\\ud800",
            "\\uDFFF",
            "NaN",
            "//",
            "/*",
            "'",
            "<",
            ">",
            "</",
            "/>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "&",
            "&amp;",
            "&#0;",
            "&#x110000;",
            "&lt;",
            "&xxe;",
            "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.1\" encoding=\"UTF-16\"?>",
            "<!DOCTYPE x [<!ENTITY a \"b\">]>",
            "xmlns=\"http://www.w3.org/2005/Atom\"",
            "xmlns:a=\"\"",
            " a:b=\"c\"",
            "<strong>Resolved</strong> - ",
            "<small>Dec 31, 23:59 UTC</small>",
            "T",
            "Z",
            "+14:00",
            "1970",
            "9999")) {
      TOKENS.add(token.getBytes(StandardCharsets.UTF_8));
    }
    // Not UTF-8: a lone continuation byte, an overlong NUL, an encoded surrogate, a code point past
    // U+10FFFF,
    // a cut-off sequence, bytes UTF-8 never uses, and the byte order marks of three encodings.
    for (int[] raw :
        new int[][] {
          {0x80},
          {0xC0, 0x80},
          {0xED, 0xA0, 0x80},
          {0xF4, 0x90, 0x80, 0x80},
          {0xE2, 0x82},
          {0xFF},
          {0xFE},
          {0xEF, 0xBB, 0xBF},
          {0xFE, 0xFF},
          {0xFF, 0xFE},
          {0x00},
          {0x00, 0x00, 0xFE, 0xFF}
        }) {
      byte[] bytes = new byte[raw.length];
      for (int i = 0; i < raw.length; i++) {
        bytes[i] = (byte) raw[i];
      }
      TOKENS.add(bytes);
    }
  }

  private ByteMutations() {}

  /** Between one and about eight mutations of {@code original}, each noted in {@code how}. */
  static byte[] mutate(byte[] original, Random random, List<String> how) {
    byte[] bytes = original;
    int count = 1 + (random.nextBoolean() ? random.nextInt(2) : random.nextInt(8));
    for (int i = 0; i < count; i++) {
      bytes = mutateOnce(bytes, random, how);
    }
    return bytes;
  }

  private static byte[] mutateOnce(byte[] bytes, Random random, List<String> how) {
    int length = bytes.length;
    int at = length == 0 ? 0 : random.nextInt(length + 1);
    switch (random.nextInt(9)) {
      case 0 -> {
        if (length == 0) {
          return bytes;
        }
        int position = Math.min(at, length - 1);
        int bit = random.nextInt(8);
        byte[] flipped = bytes.clone();
        flipped[position] ^= (byte) (1 << bit);
        how.add("flip bit " + bit + " at " + position);
        return flipped;
      }
      case 1 -> {
        if (length == 0) {
          return bytes;
        }
        int position = Math.min(at, length - 1);
        byte[] set = bytes.clone();
        set[position] = (byte) random.nextInt(256);
        how.add("set byte at " + position);
        return set;
      }
      case 2 -> {
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        how.add("insert " + inserted.length + " random bytes at " + at);
        return insert(bytes, at, inserted);
      }
      case 3 -> {
        int span =
            Math.min(
                length - Math.min(at, length), 1 + random.nextInt(random.nextBoolean() ? 8 : 512));
        how.add("delete " + span + " bytes at " + at);
        return delete(bytes, at, span);
      }
      case 4 -> {
        if (length == 0) {
          return bytes;
        }
        int from = random.nextInt(length);
        int span = Math.min(length - from, 1 + random.nextInt(256));
        // Mostly once; now and then many times over, up to the size bound: the huge payload of
        // repeated content.
        int times =
            random.nextInt(8) == 0
                ? 1 + random.nextInt(Math.max(1, (MAX_INPUT - length) / span))
                : 1;
        byte[] range = Arrays.copyOfRange(bytes, from, from + span);
        ByteArrayOutputStream repeated = new ByteArrayOutputStream(span * times);
        for (int i = 0; i < times; i++) {
          repeated.writeBytes(range);
        }
        how.add("duplicate " + span + " bytes from " + from + " " + times + " times at " + at);
        return insert(bytes, at, repeated.toByteArray());
      }
      case 5 -> {
        if (length == 0) {
          return bytes;
        }
        int from = random.nextInt(length);
        int span = Math.min(length - from, 1 + random.nextInt(64));
        int to = random.nextInt(length);
        byte[] overwritten = bytes.clone();
        System.arraycopy(bytes, from, overwritten, to, Math.min(span, length - to));
        how.add("copy " + span + " bytes from " + from + " over " + to);
        return overwritten;
      }
      case 6, 7 -> {
        byte[] token = TOKENS.get(random.nextInt(TOKENS.size()));
        how.add("insert token " + FuzzCase.preview(token) + " at " + at);
        return insert(bytes, at, token);
      }
      default -> {
        how.add("truncate at " + at);
        return Arrays.copyOf(bytes, at);
      }
    }
  }

  static byte[] insert(byte[] bytes, int at, byte[] inserted) {
    int room = Math.max(0, MAX_INPUT - bytes.length);
    int kept = Math.min(inserted.length, room);
    byte[] result = new byte[bytes.length + kept];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(inserted, 0, result, at, kept);
    System.arraycopy(bytes, at, result, at + kept, bytes.length - at);
    return result;
  }

  private static byte[] delete(byte[] bytes, int at, int span) {
    byte[] result = new byte[bytes.length - span];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(bytes, at + span, result, at, bytes.length - at - span);
    return result;
  }
}
