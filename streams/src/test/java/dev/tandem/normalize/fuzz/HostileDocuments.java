package dev.tandem.normalize.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Whole documents made to hurt a parser, up to the input bound: nesting at and past the depth
 * limits, floods of tokens and elements, huge strings, names and numbers, entity bombs and external
 * entities, and the syntax JSON parsers are often lenient about (comments, NaN, single quotes).
 */
final class HostileDocuments {

  private static final int[] DEPTHS = {63, 64, 65, 1_000, 100_000};

  private HostileDocuments() {}

  static byte[] json(Random random, List<String> how) {
    int depth = DEPTHS[random.nextInt(DEPTHS.length)];
    int big = size(random, ByteMutations.MAX_INPUT - 64);
    String document =
        switch (random.nextInt(14)) {
          case 0 -> {
            how.add(depth + " nested arrays");
            yield "{\"incidents\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
          }
          case 1 -> {
            how.add(depth + " nested objects");
            yield "{\"incident\":"
                + "{\"updates\":".repeat(depth)
                + "null"
                + "}".repeat(depth)
                + "}";
          }
          case 2 -> {
            how.add(depth + " unclosed arrays");
            yield "[".repeat(Math.min(depth, ByteMutations.MAX_INPUT));
          }
          case 3 -> {
            how.add("an array of " + big / 2 + " zeros");
            yield "{\"incidents\":[" + "0,".repeat(big / 2) + "0]}";
          }
          case 4 -> {
            how.add("a string of " + big + " characters");
            yield "{\"incidents\":[{\"id\":\"" + "x".repeat(big) + "\"}]}";
          }
          case 5 -> {
            how.add("a number of " + big + " digits");
            yield "{\"incidents\":[{\"id\":" + "9".repeat(big) + "}]}";
          }
          case 6 -> {
            how.add("a field name of " + big + " characters");
            yield "{\"" + "k".repeat(big) + "\":1}";
          }
          case 7 -> {
            int keys = size(random, 50_000);
            how.add(keys + " copies of one key");
            yield "{" + "\"incidents\":[],".repeat(keys) + "\"incidents\":[]}";
          }
          case 8 -> {
            int keys = size(random, 50_000);
            StringBuilder many = new StringBuilder("{");
            for (int i = 0; i < keys; i++) {
              many.append('"').append(i).append("\":").append(i).append(',');
            }
            how.add(keys + " distinct keys");
            yield many.append("\"incidents\":[]}").toString();
          }
          case 9 -> {
            how.add("syntax JSON does not allow");
            yield HostileValues.pick(
                List.of(
                    "{\"incidents\":[NaN]}",
                    "{'incidents':[]}",
                    "{\"incidents\":[],}",
                    "// comment\n{\"incidents\":[]}",
                    "/* c */{}",
                    "{\"incidents\":[]}\u0000",
                    "{\"a\":01}",
                    "{\"a\":+1}",
                    "{\"a\":.5}",
                    "{\"a\":\"\\x41\"}",
                    "{\"a\":\"\u0001\"}",
                    "{\"a\" \"b\"}",
                    "{\"a\":\"\\ud800\"}",
                    "\"just a string\"",
                    "42",
                    "null",
                    "true",
                    "[]",
                    "{}",
                    "",
                    " ",
                    "{\"incidents\":[]}{\"incidents\":[]}",
                    "\ufeff{\"incidents\":[]}",
                    "{\"incidents\":[]} x"),
                random);
          }
          case 10 -> {
            how.add("an array of " + big / 3 + " empty objects");
            yield "[" + "{},".repeat(big / 3 - 1) + "{}]";
          }
          case 11 -> {
            how.add("a float with an exponent of " + depth + " digits");
            yield "{\"incidents\":[{\"id\":1e" + "9".repeat(depth) + "}]}";
          }
          case 12 -> {
            how.add("random JSON-ish characters");
            yield soup(
                random,
                "{}[]\":,0123456789.eE+-truefalsnul \\/bfnrtu\u00e9",
                1 + random.nextInt(4_096));
          }
          default -> {
            how.add("random text");
            yield HostileValues.randomText(random, random.nextInt(4_096));
          }
        };
    return cap(document);
  }

  static byte[] xml(Random random, List<String> how) {
    int depth = DEPTHS[random.nextInt(DEPTHS.length)];
    int big = size(random, ByteMutations.MAX_INPUT - 256);
    String document =
        switch (random.nextInt(14)) {
          case 0 -> {
            how.add(depth + " nested elements");
            yield "<rss version=\"2.0\"><channel>"
                + "<item>".repeat(Math.min(depth, 80_000))
                + "</item>".repeat(Math.min(depth, 80_000))
                + "</channel></rss>";
          }
          case 1 -> {
            how.add(depth + " unclosed elements");
            yield "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<entry>".repeat(Math.min(depth, 100_000));
          }
          case 2 -> {
            int elements =
                random.nextInt(8) == 0 ? 199_990 + random.nextInt(20) : size(random, 20_000);
            how.add(elements + " elements");
            yield "<rss version=\"2.0\"><channel>" + "<x/>".repeat(elements) + "</channel></rss>";
          }
          case 3 -> {
            how.add("an entity bomb");
            StringBuilder bomb =
                new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"lol\">");
            for (int i = 1; i <= 9; i++) {
              bomb.append("<!ENTITY l")
                  .append(i)
                  .append(" \"")
                  .append(("&l" + (i - 1) + ";").repeat(10))
                  .append("\">");
            }
            yield bomb.append("]><rss version=\"2.0\"><channel><title>&l9;</title></channel></rss>")
                .toString();
          }
          case 4 -> {
            how.add("an external entity");
            yield "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>";
          }
          case 5 -> {
            how.add("an element name of " + big / 2 + " characters");
            String name = "n".repeat(big / 2);
            yield "<rss version=\"2.0\"><" + name + "></" + name + "x></rss>";
          }
          case 6 -> {
            how.add("an attribute of " + big + " characters");
            yield "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\""
                + "h".repeat(big)
                + "\"/></feed>";
          }
          case 7 -> {
            how.add("a text of " + big + " characters");
            yield "<rss version=\"2.0\"><channel><item><title>t</title><pubDate>Wed, 16 Mar 2022 19:46:00 +0000"
                + "</pubDate><description>"
                + "d".repeat(big)
                + "</description></item></channel></rss>";
          }
          case 8 -> {
            int attributes = size(random, 20_000);
            StringBuilder many = new StringBuilder("<rss version=\"2.0\"><channel");
            for (int i = 0; i < attributes; i++) {
              many.append(" a").append(i).append("=\"").append(i).append('"');
            }
            how.add(attributes + " attributes");
            yield many.append("/></rss>").toString();
          }
          case 9 -> {
            int prefixes = size(random, 10_000);
            StringBuilder many = new StringBuilder("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
            for (int i = 0; i < prefixes; i++) {
              many.append(" xmlns:p").append(i).append("=\"urn:").append(i).append('"');
            }
            how.add(prefixes + " namespace declarations");
            yield many.append("/>").toString();
          }
          case 10 -> {
            how.add("markup XML does not allow");
            yield HostileValues.pick(
                List.of(
                    "<rss>&#0;</rss>",
                    "<rss>\u0001</rss>",
                    "<?xml version=\"1.1\"?><rss>&#1;</rss>",
                    "<rss><![CDATA[x]]]]></rss>",
                    "<rss a=\"1\" a=\"2\"/>",
                    "<p:rss/>",
                    "<rss xmlns:p=\"\"><p:x/></rss>",
                    "<rss></feed>",
                    "<rss>",
                    "</rss>",
                    "<",
                    "<?xml?>",
                    "<?xml version=\"1.0\" encoding=\"bogus\"?><rss/>",
                    "<!-- only a comment -->",
                    "<rss/><rss/>",
                    "<rss version=\"2.0\"><channel><item><guid>g</guid>"
                        + "<pubDate>Wed, 16 Mar 2022 19:46:00 +0000</pubDate></item></channel></rss>",
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>i</id><updated>1970-01-01T00:00:00+14:00</updated>"
                        + "</entry></feed>",
                    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>",
                    "<rss>&amp</rss>",
                    "<\u00e9l\u00e9ment/>",
                    "<rss xml:lang=\"\u0000\"/>"),
                random);
          }
          case 11 -> {
            // Each item is an update, some tens of microseconds: a few hundred say as much as
            // thousands.
            int items = random.nextInt(8) == 0 ? 5_000 : 1 + random.nextInt(300);
            how.add(items + " minimal items");
            yield "<rss version=\"2.0\"><channel>"
                + ("<item><title>Resolved: x</title><link>https://s.example/incidents/a"
                        + "</link><pubDate>Wed, 16 Mar 2022 19:46:00 +0000</pubDate></item>")
                    .repeat(items)
                + "</channel></rss>";
          }
          case 12 -> {
            how.add("random XML-ish characters");
            yield soup(random, "<>/=\"'&;#![]?-:xmlnsrsfeditm \n\u00e9", 1 + random.nextInt(4_096));
          }
          default -> {
            how.add("random text starting with '<'");
            yield "<" + HostileValues.randomText(random, random.nextInt(4_096));
          }
        };
    return cap(document);
  }

  /**
   * A count or length up to {@code most}, usually a small one: the huge cases cost tens of
   * milliseconds each, and one in eight of them says all they have to say.
   */
  static int size(Random random, int most) {
    return 1 + random.nextInt(random.nextInt(8) == 0 ? most : Math.min(most, 4_096));
  }

  private static String soup(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static byte[] cap(String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    return bytes.length > ByteMutations.MAX_INPUT
        ? java.util.Arrays.copyOf(bytes, ByteMutations.MAX_INPUT)
        : bytes;
  }
}
