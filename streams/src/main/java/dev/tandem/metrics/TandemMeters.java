package dev.tandem.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tandem's own meters, named once, on Micrometer's global registry: the stages count as they go,
 * and whatever registry {@code /metrics} adds to the global one shows them. Counted when a record
 * is processed: a transaction that aborts and is processed again counts twice (metrics are not
 * exactly-once, the outputs are).
 */
public final class TandemMeters {

  private static final AtomicLong OPEN_OUTAGES = new AtomicLong();
  private static final AtomicLong HELD_INCIDENTS = new AtomicLong();
  private static final AtomicLong OPEN_INCIDENTS = new AtomicLong();

  /** Registered once: it is recorded for every incident the correlate stage takes. */
  private static final Timer CORRELATE_LAG =
      Timer.builder("tandem.correlate.event.lag")
          .description("Wall clock minus the vendor's update time, when the incident is correlated")
          .register(Metrics.globalRegistry);

  static {
    Gauge.builder("tandem.outages.open", OPEN_OUTAGES, AtomicLong::get)
        .description("Outages published and not yet resolved, expired, merged or retracted")
        .register(Metrics.globalRegistry);
    Gauge.builder("tandem.incidents.held", HELD_INCIDENTS, AtomicLong::get)
        .description("Incidents the correlate stage holds (about two retentions)")
        .register(Metrics.globalRegistry);
    Gauge.builder("tandem.incidents.open", OPEN_INCIDENTS, AtomicLong::get)
        .description("Held incidents not yet resolved")
        .register(Metrics.globalRegistry);
  }

  private TandemMeters() {}

  /** One vendor update normalized (new, not a repeat), by provider and format. */
  public static void normalized(String provider, String format) {
    Counter.builder("tandem.updates.normalized")
        .description("Vendor updates normalized, repeats not counted")
        .tag("provider", provider)
        .tag("format", format == null ? "unknown" : format)
        .register(Metrics.globalRegistry)
        .increment();
  }

  /**
   * One fetch of a provider's status page by the collector, by outcome: {@code published}, {@code
   * not_modified}, {@code unchanged} or {@code failed}.
   */
  public static void fetched(String provider, String outcome) {
    Counter.builder("tandem.collector.fetches")
        .description("Status page fetches by the collector, by provider and outcome")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(Metrics.globalRegistry)
        .increment();
  }

  /** One record sent to the dead-letter topic, by stage and reason class. */
  public static void deadLetter(String stage, String reasonClass) {
    Counter.builder("tandem.dead.letters")
        .description("Records sent to the dead-letter topic")
        .tag("stage", stage)
        .tag("reason", reasonClass)
        .register(Metrics.globalRegistry)
        .increment();
  }

  /**
   * How far behind the vendor's update an incident reached correlation: the wall clock minus the
   * incident's last update time. Its distribution is the lag from a vendor's update to its alert,
   * less the one commit interval of publishing.
   */
  public static void correlateLag(Duration lag) {
    CORRELATE_LAG.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** The correlate stage's counts after a settle. */
  public static void correlationHolds(long openOutages, long heldIncidents, long openIncidents) {
    OPEN_OUTAGES.set(openOutages);
    HELD_INCIDENTS.set(heldIncidents);
    OPEN_INCIDENTS.set(openIncidents);
  }

  /**
   * One notification settled for a target: {@code sent} (the target took it) or {@code failed}
   * (refused for good, or unreadable, and skipped). A notification retried until it is taken counts
   * once, as sent; its retries count in {@link #notificationRetried}.
   */
  public static void notification(String target, String outcome) {
    Counter.builder("tandem.notifications")
        .description("Notifications settled, by target and outcome (sent, failed)")
        .tag("target", target)
        .tag("outcome", outcome)
        .register(Metrics.globalRegistry)
        .increment();
  }

  /** One failed attempt of a notification that will be tried again. */
  public static void notificationRetried(String target) {
    Counter.builder("tandem.notification.retries")
        .description("Attempts of notifications that failed and were tried again, by target")
        .tag("target", target)
        .register(Metrics.globalRegistry)
        .increment();
  }
}
