package dev.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A large held state, seeded: {@code incidents} incidents of {@code providers} providers spread
 * over {@code days} ending at {@code end}, each provider failing at its own rate (log-uniform over
 * a 50-fold range), each incident sent as two raw records in the {@code tandem} format
 * (investigating at its onset, resolved 20 minutes to 4 hours later), all in event order.
 *
 * <p>It is built to be held, not to be found: there are no planted outages, and the records go out
 * as they are made (two million records of JSON would not fit beside a broker in memory); only the
 * incidents' numbers are kept, about 20 bytes each.
 */
final class HeldIncidents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String[] IMPACTS = {"MINOR", "MINOR", "MAJOR", "MAJOR", "CRITICAL"};

  private static final String[] TITLES = {
    "Elevated error rates for %s",
    "Degraded performance of %s",
    "Increased latency in %s",
    "Partial outage of %s",
    "%s unavailable for some customers",
    "Investigating issues with %s"
  };

  private static final String[] COMPONENTS = {
    "API", "Dashboard", "Webhooks", "Login", "Billing", "Search", "Uploads", "Notifications"
  };

  private final int providers;
  private final Instant start;
  private final Instant end;
  private final int[] providerOf;
  private final int[] onsetSecond;
  private final int[] lengthSecond;
  private final byte[] kind;

  /** Each record to send as (second since start, incident, resolved?), packed into one long. */
  private final long[] events;

  HeldIncidents(int providers, int incidents, int days, long seed, Instant end) {
    if (providers < 1 || incidents < 1 || days < 1 || days > 3650) {
      throw new IllegalArgumentException(
          "need at least 1 provider, 1 incident and 1 to 3,650 days");
    }
    this.providers = providers;
    this.end = end;
    this.start = end.minus(Duration.ofDays(days));
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = new double[providers];
    double total = 0;
    for (int p = 0; p < providers; p++) {
      total += Math.exp(random.nextDouble() * Math.log(50));
      cumulative[p] = total;
    }
    int span = Math.toIntExact(Duration.ofDays(days).toSeconds());
    providerOf = new int[incidents];
    onsetSecond = new int[incidents];
    lengthSecond = new int[incidents];
    kind = new byte[incidents];
    events = new long[2 * incidents];
    for (int i = 0; i < incidents; i++) {
      int p = Arrays.binarySearch(cumulative, random.nextDouble() * total);
      providerOf[i] = p >= 0 ? p : Math.min(-p - 1, providers - 1);
      lengthSecond[i] = 1_200 + random.nextInt(13_200);
      onsetSecond[i] = random.nextInt(Math.max(1, span - lengthSecond[i]));
      kind[i] = (byte) random.nextInt(IMPACTS.length * TITLES.length * COMPONENTS.length);
      events[2 * i] = pack(onsetSecond[i], i, false);
      events[2 * i + 1] = pack(onsetSecond[i] + lengthSecond[i], i, true);
    }
    Arrays.sort(events);
  }

  private static long pack(long second, int incident, boolean resolved) {
    return second << 32 | (long) incident << 1 | (resolved ? 1 : 0);
  }

  int incidents() {
    return providerOf.length;
  }

  int records() {
    return events.length;
  }

  /** When the last incident ends at the latest: what comes after this is news. */
  Instant end() {
    return end;
  }

  /**
   * How many incidents a correlation stage still holds at the end: those resolved within {@code
   * held} of it (it keeps an incident a retention after it resolves, and one more before forgetting
   * it; design §5).
   */
  int resolvedWithin(Duration held) {
    long from = Duration.between(start, end.minus(held)).toSeconds();
    int count = 0;
    for (int i = 0; i < onsetSecond.length; i++) {
      count += onsetSecond[i] + lengthSecond[i] >= from ? 1 : 0;
    }
    return count;
  }

  /** Every record, in event order. */
  void forEach(Consumer<RawStatus> sink) {
    for (long event : events) {
      int incident = (int) (event >>> 1 & 0x7fff_ffff);
      sink.accept(record(incident, (event & 1) == 1));
    }
  }

  private RawStatus record(int incident, boolean resolved) {
    String provider = String.format(Locale.ROOT, "held-%05d", providerOf[incident]);
    Instant onset = start.plusSeconds(onsetSecond[incident]);
    Instant at = resolved ? onset.plusSeconds(lengthSecond[incident]) : onset;
    int k = kind[incident] & 0xff;
    String component = COMPONENTS[k % COMPONENTS.length];
    String title =
        String.format(Locale.ROOT, TITLES[k / COMPONENTS.length % TITLES.length], component);
    String id = "inc-" + Integer.toString(incident, 36);
    ObjectNode update = JSON.createObjectNode();
    update.put("incidentId", id);
    update.put("updateId", id + (resolved ? "-2" : "-1"));
    update.put("title", title);
    update.put("status", resolved ? "RESOLVED" : "INVESTIGATING");
    update.put("impact", IMPACTS[k / (COMPONENTS.length * TITLES.length)]);
    update
        .putArray("components")
        .addObject()
        .put("name", component)
        .put("status", "DEGRADED_PERFORMANCE");
    update.put(
        "body",
        resolved
            ? "This incident has been resolved."
            : "We are investigating reports of " + title.toLowerCase(Locale.ROOT) + ".");
    update.put("startedAt", onset.toString());
    update.put("updatedAt", at.toString());
    return new RawStatus(
        provider, "tandem", "bench:held", at, update.toString().getBytes(StandardCharsets.UTF_8));
  }

  int providers() {
    return providers;
  }
}
