package dev.tandem.normalize.fuzz;

/** A generated text as a case description shows it: quoted, escaped, cut short. */
final class PayloadPreview {

  private static final int LONGEST = 60;

  private PayloadPreview() {}

  static String of(String text) {
    StringBuilder shown = new StringBuilder("\"");
    for (int i = 0; i < Math.min(text.length(), LONGEST); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        shown.append(c);
      } else {
        shown.append(String.format("\\u%04x", (int) c));
      }
    }
    shown.append('"');
    return text.length() > LONGEST ? shown + "… (" + text.length() + " chars)" : shown.toString();
  }
}
