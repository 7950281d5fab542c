package dev.tandem.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The correlate stage's clock for ageing incidents out: a low watermark over the partitions the
 * records came from, not the newest time seen.
 *
 * <p>Every raw partition is its own task upstream, and Kafka Streams gives no order between tasks:
 * replaying 90 days in one burst, one partition's task may reach March while another is still in
 * January. Judged against the newest time seen, January's incidents would arrive "too late" in one
 * run and not in another. Judged against the slowest source, they arrive in time whatever the
 * interleaving, as long as each source is in order within the retention.
 *
 * <p>A source that sends nothing for {@code idleAfter} of wall-clock time (a partition whose few
 * providers are quiet) stops holding the clock back until it sends again; the clock never goes
 * back.
 */
final class EventClock {

  private final Duration idleAfter;

  /** source → the newest event time it sent. */
  private final Map<String, Long> newest = new TreeMap<>();

  /**
   * source → when (wall clock) it last sent; not persisted: a restart counts every source as just
   * heard from.
   */
  private final Map<String, Long> heardAt = new HashMap<>();

  private long watermark = Long.MIN_VALUE;

  EventClock(Duration idleAfter) {
    this.idleAfter = idleAfter;
  }

  /** Restores a source's newest time (from a store). */
  void restore(String source, long newestTime, long wallNow) {
    newest.merge(source, newestTime, Math::max);
    heardAt.put(source, wallNow);
  }

  /** Restores the watermark reached before a restart. */
  void restoreWatermark(long time) {
    watermark = Math.max(watermark, time);
  }

  /**
   * Notes a record and returns true when its source's newest time moved (so it should be stored).
   */
  boolean observe(String source, long eventTime, long wallNow) {
    heardAt.put(source, wallNow);
    Long before = newest.get(source);
    if (before != null && before >= eventTime) {
      return false;
    }
    newest.put(source, eventTime);
    return true;
  }

  /**
   * Advances the watermark to the slowest source still sending (the newest of all when none is),
   * and returns it.
   */
  Instant advance(long wallNow) {
    long slowest = Long.MAX_VALUE;
    long fastest = Long.MIN_VALUE;
    for (Map.Entry<String, Long> source : newest.entrySet()) {
      fastest = Math.max(fastest, source.getValue());
      if (wallNow - heardAt.getOrDefault(source.getKey(), wallNow) <= idleAfter.toMillis()) {
        slowest = Math.min(slowest, source.getValue());
      }
    }
    long candidate = slowest == Long.MAX_VALUE ? fastest : slowest;
    watermark = Math.max(watermark, candidate);
    return now();
  }

  /** The watermark; {@link Instant#MIN} before any record. */
  Instant now() {
    return watermark == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(watermark);
  }

  long watermarkMillis() {
    return watermark;
  }
}
