package dev.tandem.normalize.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Values that sit on the edges the adapters decide on: timestamps at the ends of the range Tandem
 * accepts and just past them, every status word the vocabularies know in odd spellings, markup the
 * feed styles read, and texts that are empty, blank, huge or not quite text.
 */
final class HostileValues {

  static final List<String> TIMESTAMPS =
      List.of(
          "2021-06-08T09:58:00.000Z",
          "2024-12-11T15:16:59.123-08:00",
          "2021-06-08T09:58:00",
          "2021-06-08",
          "1970-01-01T00:00:00Z",
          "1970-01-01T00:00:00+14:00",
          "1970-01-01T00:00:00+18:00",
          "1969-12-31T23:59:59Z",
          "1969-12-31T23:00:00-18:00",
          "9999-12-31T23:59:59Z",
          "9999-12-31T23:59:59-18:00",
          "10000-01-01T00:00:00Z",
          "+999999999-12-31T23:59:59Z",
          "+999999999-12-31T23:59:59-18:00",
          "-999999999-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "2021-02-30T00:00:00Z",
          "2021-06-08T24:00:00Z",
          "2021-06-08T09:58:60Z",
          "2021-06-08T09:58:00+25:00",
          "2021-06-08t09:58:00z",
          "2021-06-08T09:58:00.123456789123Z",
          "Wed, 16 Mar 2022 19:46:00 +0000",
          "Fri, 24 Dec 2021 10:41:17 PST",
          "16 Mar 2022 19:46 GMT",
          "Thu, 01 Jan 1970 00:00:00 +1800",
          "Thu, 01 Jan 1970 00:30:00 +0100",
          "Fri, 31 Dec 9999 23:59:59 -1800",
          "Wed, 16 Mar 22 19:46:00 +0000",
          "Wed, 16 Mar 2022 19:46:00 IST",
          "Wed, 32 Mar 2022 19:46:00 +0000",
          "Wed, 16 Mar 2022 99:99:99 +0000",
          "Wed, 16 Mar 2022 19:46:00 +9999",
          "Wed,,, 16 Mar 2022 19:46:00 +0000",
          "Dec 31, 23:59 UTC",
          "Jan 1, 00:00 UTC",
          "Feb 29, 12:00 PM UTC",
          "yesterday",
          "0",
          "-1",
          "1623145080000",
          "null",
          " ",
          "");

  static final List<String> WORDS =
      List.of(
          "investigating",
          "identified",
          "monitoring",
          "resolved",
          "postmortem",
          "scheduled",
          "in_progress",
          "verifying",
          "completed",
          "Resolved",
          "RESOLVED",
          " resolved ",
          "in progress",
          "In-Progress",
          "update",
          "maintenance_scheduled",
          "maintenance_in_progress",
          "maintenance_complete",
          "maintenance",
          "incident",
          "none",
          "minor",
          "major",
          "critical",
          "MAINTENANCE",
          "operational",
          "degraded_performance",
          "partial_outage",
          "major_outage",
          "full_outage",
          "under_maintenance",
          "UNKNOWN",
          "unknown",
          "AVAILABLE",
          "SERVICE_OUTAGE",
          "SERVICE_DISRUPTION",
          "SERVICE_INFORMATION",
          "low",
          "medium",
          "high",
          "FIXING",
          "true",
          "false",
          "0");

  static final List<String> MARKUP =
      List.of(
          "<p><small>Oct <var data-var='date'>21</var>, <var data-var='time'>17:39</var> UTC</small><br>"
              + "<strong>Resolved</strong> - This incident has been resolved.</p>",
          "<strong>Update</strong> - still looking<small>Dec 31, 23:59 UTC</small><strong>Investigating</strong> - x",
          "<small>Jan 1, 00:00 UTC</small><br><strong>Investigating</strong> - It began.",
          "<b>Status: Investigating</b><p>We are looking.</p><p>Affected components</p><ul><li>API (Full outage)</li>"
              + "<li>(Degraded performance)</li><li>Search (</li><li>Chat (Partial outage)</li></ul>",
          "Status: Resolved\nAffected components\nAPI (Operational)",
          "Summary of impact: it was bad",
          "<strong>" + "a".repeat(30) + "</strong> - x",
          "<strong",
          "<strong>",
          "</strong> -",
          "<small>",
          "<script>alert(1)</script>text",
          "<style>",
          "<scRIPt/>",
          "&amp;&lt;&gt;&quot;&#39;&#x1F6A8;&#0;&#x110000;&#;&#x;",
          "&" + "a".repeat(20) + ";",
          "&nbsp;&ndash;&mdash;&rsquo;",
          "a&b<c>d",
          "<![CDATA[x]]>",
          "]]>",
          "Resolved: Informational message: [RESOLVED] Increased Error Rates",
          "Service is operating normally: x",
          "Informational message:",
          "Service disruption: " + "a:".repeat(50),
          "[RESOLVED]",
          "Maintenance: work",
          "Incident: Slack is down - Mitigated",
          "Outage - Resolved",
          "Retrospective: Impacted Performance in Miami (MIA)",
          "Announcing",
          "Noticeable",
          "Data Center Capacity Expansion",
          "<p>Engineering has deployed a fix. We are monitoring.</p>",
          "The scheduled maintenance has been completed.");

  static final List<String> IDENTIFIERS =
      List.of(
          "x",
          "fastly-2021-06-08",
          "component:abc",
          "a/b",
          "../../etc/passwd",
          "https://status.example.com/incidents/abc",
          "https://status.example.com/incidents/",
          "//incidents/01ABC",
          "http://[::1",
          "%zz",
          "http://status.aws.amazon.com/#ec2-us-east-1_1640224660",
          "#",
          "#_",
          "_",
          "tag:www.githubstatus.com,2005:Incident/26837586",
          "http://a b c/incidents/x y",
          "/378892/817466",
          " /0/0 ",
          "/1/",
          "//1",
          "/" + "9".repeat(19) + "/" + "9".repeat(19),
          "/" + "9".repeat(40) + "/1");

  static final List<String> ODD_TEXT =
      List.of(
          "",
          " ",
          "\t\n\r",
          "\u0000",
          "x\u0000y",
          "\ud800",
          "\udfff",
          "\ud83d\udea8",
          "\u202e",
          "\ufeff",
          "\u2028",
          "\u00a0",
          "null",
          "\"",
          "\\",
          "'",
          "<",
          "&",
          "]]>",
          "0",
          "-0",
          "NaN",
          "Infinity",
          "true");

  private HostileValues() {}

  /** One text from the pools above, or a generated one: empty, huge, of odd characters. */
  static String text(Random random) {
    return switch (random.nextInt(10)) {
      case 0, 1 -> pick(TIMESTAMPS, random);
      case 2, 3 -> pick(WORDS, random);
      case 4 -> pick(MARKUP, random);
      case 5 -> pick(IDENTIFIERS, random);
      case 6 -> pick(ODD_TEXT, random);
      case 7 -> huge(random);
      case 8 -> randomText(random, 1 + random.nextInt(64));
      default -> pick(WORDS, random) + " " + pick(MARKUP, random);
    };
  }

  /**
   * A long text, from a kilobyte up to most of the input bound; the longest rarely, since a case
   * that holds one costs as much as a thousand ordinary ones.
   */
  static String huge(Random random) {
    int[] sizes = {1_000, 20_001, 65_536, 200_000, 700_000};
    int size = sizes[random.nextInt(random.nextInt(16) == 0 ? sizes.length : 3)];
    return switch (random.nextInt(4)) {
      case 0 -> "x".repeat(size);
      case 1 -> "<strong>Resolved</strong> - ".repeat(size / 28 + 1);
      case 2 -> "a:".repeat(size / 2);
      // A random kilobyte over and over: as hostile to a parser as fresh randomness, at a fraction
      // of the cost.
      default -> randomText(random, 1_024).repeat(size / 1_024 + 1).substring(0, size);
    };
  }

  /** Characters from all over: ASCII, controls, Latin-1, CJK, surrogates alone and in pairs. */
  static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(8)) {
        case 0 -> text.append((char) random.nextInt(0x20));
        case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
        case 2 -> text.append((char) (0x3000 + random.nextInt(0x1000)));
        case 3 -> text.append((char) (0xD800 + random.nextInt(0x800)));
        case 4 -> text.append("<>&\"'\\:/#;_-".charAt(random.nextInt(12)));
        default -> text.append((char) (0x20 + random.nextInt(0x5F)));
      }
    }
    return text.toString();
  }

  static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }
}
