package dev.tandem.normalize;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text of an HTML fragment, as a person reads it: tags dropped (block tags become line breaks),
 * entities decoded, whitespace collapsed. Feeds carry their bodies as HTML, and alerts and DLQ
 * headers want plain text. One linear pass, no regular expressions, so hostile markup costs what
 * its length costs.
 */
final class HtmlText {

  /** Tags after which a reader sees a new line. */
  private static final Set<String> LINE_BREAKING =
      Set.of(
          "br",
          "p",
          "div",
          "li",
          "ul",
          "ol",
          "tr",
          "table",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "hr",
          "small",
          "pre",
          "blockquote");

  /** Elements whose content is not text for people. */
  private static final Set<String> SKIPPED = Set.of("script", "style");

  private static final Map<String, String> NAMED_ENTITIES =
      Map.of(
          "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ", "ndash", "–",
          "mdash", "—", "rsquo", "’", "lsquo", "‘");

  /** An entity is short; a '&' further than this from a ';' is a plain ampersand. */
  private static final int LONGEST_ENTITY = 10;

  private HtmlText() {}

  /** The fragment's text: lines trimmed, blank lines dropped, runs of spaces made one. */
  static String plain(String html) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    StringBuilder raw = new StringBuilder(html.length());
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break; // a cut-off tag at the end: what follows '<' is not text
        }
        String tag = tagName(html, i + 1, end);
        if (LINE_BREAKING.contains(tag)) {
          raw.append('\n');
        }
        i = end + 1;
        if (SKIPPED.contains(tag) && html.charAt(i - 2) != '/') {
          int close = indexOfIgnoreCase(html, "</" + tag, i);
          i = close < 0 ? html.length() : close;
        }
      } else if (c == '&') {
        i = appendEntity(html, i, raw);
      } else {
        raw.append(c);
        i++;
      }
    }
    return tidy(raw);
  }

  /**
   * Where {@code needle} (ASCII, lower-case) next occurs in {@code text} from {@code from},
   * ignoring case; -1 when it does not. Lower-casing the whole text instead could change its
   * length.
   */
  static int indexOfIgnoreCase(String text, String needle, int from) {
    int last = text.length() - needle.length();
    for (int i = Math.max(0, from); i <= last; i++) {
      if (text.regionMatches(true, i, needle, 0, needle.length())) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The lower-case name of the tag between {@code start} (after '<') and {@code end} ('>'), without
   * '/'.
   */
  private static String tagName(String html, int start, int end) {
    int i = start;
    if (i < end && html.charAt(i) == '/') {
      i++;
    }
    int nameStart = i;
    while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
      i++;
    }
    return html.substring(nameStart, i).toLowerCase(Locale.ROOT);
  }

  private static int appendEntity(String html, int ampersand, StringBuilder out) {
    int semicolon = html.indexOf(';', ampersand);
    if (semicolon < 0 || semicolon - ampersand > LONGEST_ENTITY) {
      out.append('&');
      return ampersand + 1;
    }
    String entity = html.substring(ampersand + 1, semicolon);
    String decoded = decode(entity);
    if (decoded == null) {
      out.append('&');
      return ampersand + 1;
    }
    out.append(decoded);
    return semicolon + 1;
  }

  private static String decode(String entity) {
    if (entity.startsWith("#")) {
      try {
        int codePoint =
            entity.startsWith("#x") || entity.startsWith("#X")
                ? Integer.parseInt(entity.substring(2), 16)
                : Integer.parseInt(entity.substring(1));
        return Character.isValidCodePoint(codePoint) && codePoint != 0
            ? new String(Character.toChars(codePoint))
            : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return NAMED_ENTITIES.get(entity.toLowerCase(Locale.ROOT));
  }

  private static String tidy(CharSequence raw) {
    StringBuilder out = new StringBuilder(raw.length());
    StringBuilder line = new StringBuilder();
    for (int i = 0; i <= raw.length(); i++) {
      char c = i < raw.length() ? raw.charAt(i) : '\n';
      if (c == '\n' || c == '\r') {
        String trimmed = line.toString().strip();
        if (!trimmed.isEmpty()) {
          if (out.length() > 0) {
            out.append('\n');
          }
          out.append(trimmed);
        }
        line.setLength(0);
      } else if (Character.isWhitespace(c) || c == '\u00a0') {
        if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
          line.append(' ');
        }
      } else {
        line.append(c);
      }
    }
    return out.toString();
  }
}
