package dev.tandem.collect;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a page's body can be the format its entry declares, judged from its first bytes: JSON
 * formats start with {@code {} or {@code [}, feeds with {@code <}, and a web page is neither's. A
 * page that serves something else is misconfigured (moved behind an HTML page, replaced by a
 * feed): the collector says so once instead of sending every fetch to the dead-letter topic.
 */
final class DeclaredFormat {

  private DeclaredFormat() {}

  /** Why {@code body} cannot be {@code format}, or empty when it may be. */
  static Optional<String> mismatch(String format, byte[] body) {
    String start = start(body);
    if (start.isEmpty()) {
      return Optional.of("an empty body where " + format + " was declared");
    }
    boolean feed = format.equals("rss") || format.equals("atom");
    if (isHtml(start)) {
      return Optional.of("HTML where " + format + " was declared (a page for people, not a feed)");
    }
    char first = start.charAt(0);
    if (feed && (first == '{' || first == '[')) {
      return Optional.of("JSON where a " + format + " feed was declared");
    }
    if (!feed && first == '<') {
      return Optional.of("XML where " + format + " JSON was declared (a feed?)");
    }
    return Optional.empty();
  }

  /** Whether the body is a web page (for people), not a document for a program. */
  static boolean isHtml(byte[] body) {
    return isHtml(start(body));
  }

  private static boolean isHtml(String start) {
    return start.startsWith("<!doctype html") || start.startsWith("<html");
  }

  /** The first bytes as lower-case text, leading whitespace dropped: enough to tell formats. */
  private static String start(byte[] body) {
    return new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8)
        .stripLeading()
        .toLowerCase(Locale.ROOT);
  }
}
