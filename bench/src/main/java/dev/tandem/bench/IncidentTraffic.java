package dev.tandem.bench;

import dev.tandem.correlate.ProviderIncident;
import dev.tandem.correlate.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded incident changes as the correlate stage sees them: every provider fails at its own rate
 * (log-uniform between one incident a quarter and one every two days), each incident arrives as
 * four versions (investigating, identified, monitoring: open; then resolved), in event order.
 */
final class IncidentTraffic {

  private IncidentTraffic() {}

  /** Every incident change over {@code days} from {@code start}, ordered by the time it happens. */
  static List<ProviderIncident> changes(int providers, int days, long seed, Instant start) {
    SplittableRandom random = new SplittableRandom(seed);
    record Timed(Instant at, ProviderIncident incident) {}
    List<Timed> timed = new ArrayList<>();
    Severity[] severities = {
      Severity.MINOR, Severity.MINOR, Severity.MAJOR, Severity.MAJOR, Severity.CRITICAL
    };
    double span = days * 86_400_000.0;
    for (int p = 0; p < providers; p++) {
      String provider = String.format("sim-%05d", p);
      double ratePerDay =
          Math.exp(Math.log(1 / 90.0) + random.nextDouble() * (Math.log(0.5) - Math.log(1 / 90.0)));
      double t = 0;
      int n = 0;
      while (true) {
        t += -Math.log(1 - random.nextDouble()) / ratePerDay * 86_400_000.0;
        if (t >= span) {
          break;
        }
        Instant onset = start.plusMillis((long) t);
        Duration length = Duration.ofMinutes(20 + random.nextInt(220));
        Severity severity = severities[random.nextInt(severities.length)];
        ProviderIncident open =
            new ProviderIncident(
                provider,
                provider + "-" + n++,
                "Elevated errors",
                severity,
                onset,
                null,
                List.of());
        timed.add(new Timed(onset, open));
        timed.add(new Timed(onset.plus(length.dividedBy(5)), open));
        timed.add(new Timed(onset.plus(length.dividedBy(2)), open));
        timed.add(
            new Timed(
                onset.plus(length),
                new ProviderIncident(
                    provider,
                    open.incidentId(),
                    open.title(),
                    severity,
                    onset,
                    onset.plus(length),
                    List.of())));
      }
    }
    timed.sort(Comparator.comparing(Timed::at).thenComparing(x -> x.incident().key()));
    return timed.stream().map(Timed::incident).toList();
  }
}
