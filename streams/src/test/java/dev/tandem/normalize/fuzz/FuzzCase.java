package dev.tandem.normalize.fuzz;

/**
 * One generated payload and how it was made ("truncation of feeds/aws-all-2021-12-27.rss at 812"),
 * so that a failing case reads as what it is. jqwik prints it with the seed that reproduces it.
 *
 * @param kind the generator that made it ("truncation", "json mutation"…), for the statistics jqwik
 *     reports
 * @param provider the record key to parse it under: the fixture's, or "vendor" for payloads made
 *     from nothing
 * @param how what was done to which fixture
 * @param bytes the payload
 */
record FuzzCase(String kind, String provider, String how, byte[] bytes) {

  static final String NO_FIXTURE = "vendor";

  /** Bytes shown in a report; the whole payload of a failure is also written to a file. */
  private static final int PREVIEW = 240;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  @Override
  public String toString() {
    return how + " (" + bytes.length + " bytes): " + preview(bytes);
  }

  /**
   * The first bytes as ASCII, everything else escaped, so a report never carries raw control bytes.
   */
  static String preview(byte[] bytes) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, PREVIEW); i++) {
      int b = bytes[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F && b != '\\') {
        shown.append((char) b);
      } else {
        shown.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
      }
    }
    return bytes.length > PREVIEW ? shown + "…" : shown.toString();
  }
}
