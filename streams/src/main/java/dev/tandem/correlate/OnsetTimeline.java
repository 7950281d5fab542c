package dev.tandem.correlate;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Onset times (epoch millis) in sorted primitive arrays, one per UTC day: what the burst test scans
 * around each new onset. Inserting costs a copy within one day's array; reading the few hours
 * around a moment costs a binary search and a copy of what is there, with no object per onset,
 * which is what keeps a change cheap among 10,000 providers.
 */
final class OnsetTimeline {

  private static final long DAY = 86_400_000L;

  private static final class Day {
    long[] onsets = new long[16];
    int size;
  }

  private final TreeMap<Long, Day> days = new TreeMap<>();

  void add(long onset) {
    Day d = days.computeIfAbsent(Math.floorDiv(onset, DAY), k -> new Day());
    int at = upperBound(d.onsets, d.size, onset);
    if (d.size == d.onsets.length) {
      d.onsets = Arrays.copyOf(d.onsets, d.size * 2);
    }
    System.arraycopy(d.onsets, at, d.onsets, at + 1, d.size - at);
    d.onsets[at] = onset;
    d.size++;
  }

  void remove(long onset) {
    long key = Math.floorDiv(onset, DAY);
    Day d = days.get(key);
    if (d == null) {
      return;
    }
    int at = lowerBound(d.onsets, d.size, onset);
    if (at < d.size && d.onsets[at] == onset) {
      System.arraycopy(d.onsets, at + 1, d.onsets, at, d.size - at - 1);
      d.size--;
      if (d.size == 0) {
        days.remove(key);
      }
    }
  }

  /** How many onsets lie within [from, to]: a binary search per day, nothing copied. */
  int count(long from, long to) {
    int count = 0;
    for (Day d :
        days.subMap(Math.floorDiv(from, DAY), true, Math.floorDiv(to, DAY), true).values()) {
      count += Math.max(0, upperBound(d.onsets, d.size, to) - lowerBound(d.onsets, d.size, from));
    }
    return count;
  }

  /** Reused by {@link #between}: the look around each new onset allocates nothing. */
  private long[] scratch = new long[1024];

  /**
   * The onsets within [from, to], in order, in the first {@code n} places of the returned array,
   * {@code n} being what {@link #lastCount()} says. The array is reused by the next call.
   */
  long[] between(long from, long to) {
    int count = 0;
    for (Day d :
        days.subMap(Math.floorDiv(from, DAY), true, Math.floorDiv(to, DAY), true).values()) {
      int lo = lowerBound(d.onsets, d.size, from);
      int hi = upperBound(d.onsets, d.size, to);
      if (hi > lo) {
        if (count + hi - lo > scratch.length) {
          scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, count + hi - lo));
        }
        System.arraycopy(d.onsets, lo, scratch, count, hi - lo);
        count += hi - lo;
      }
    }
    lastCount = count;
    return scratch;
  }

  private int lastCount;

  /** How many onsets the last {@link #between} returned. */
  int lastCount() {
    return lastCount;
  }

  static int lowerBound(long[] sorted, int n, long value) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(long[] sorted, int n, long value) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
