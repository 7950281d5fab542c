package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds bursts: windows of one of the scan widths in which so many providers start failing that the
 * background would make a burst that strong less often than the false-alarm budget allows.
 *
 * <p>Only <em>minimal</em> bursts are kept: a significant window that strictly contains another
 * significant window owes its significance to that one, and the onsets it adds (background that
 * happened to fall nearby) are not members. That is what stops chaining: onsets join an outage by
 * making a burst, never by merely lying near one. Overlapping minimal bursts (a large outage over
 * an hour or two) are joined by the caller.
 *
 * <p>Two providers alone form a burst only within the correlation window; wider scan widths need
 * three or more, so that two unrelated incidents an hour apart are never an outage by timing alone.
 */
final class BurstDetector {

  private final CorrelationSettings settings;
  private final Function<Instant, Background> daily;

  /** Windows are looked at in runs within one day: the last day's background, until it changes. */
  private long memoDayStart;

  private Background memo;
  private int[][] memoTable;
  private final List<Duration> widths;
  private final int tests;
  private final Map<Background, int[][]> thresholds =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Background, int[][]> eldest) {
          return size() > 256;
        }
      };

  BurstDetector(CorrelationSettings settings, Function<Instant, Background> daily) {
    this.settings = settings;
    this.daily = daily;
    this.widths = settings.scanWidths();
    this.tests = widths.size() * SeverityLevel.values().length;
  }

  private Background background(Instant t) {
    return background(t.toEpochMilli());
  }

  private Background background(long millis) {
    if (memo == null || millis < memoDayStart || millis >= memoDayStart + 86_400_000L) {
      memo = daily.apply(Instant.ofEpochMilli(millis));
      memoTable = null;
      memoDayStart = memo.day().toEpochMilli();
    }
    return memo;
  }

  /** The background of some day changed: look it up again. */
  void backgroundChanged() {
    memo = null;
    memoTable = null;
  }

  int tests() {
    return tests;
  }

  Duration widest() {
    return widths.get(widths.size() - 1);
  }

  /** The fewest providers that make a burst in the given width at that background. */
  int threshold(Background b, SeverityLevel level, int width) {
    if (b == memo && memoTable != null) {
      return memoTable[level.ordinal()][width];
    }
    int[][] table =
        thresholds.computeIfAbsent(
            b,
            key -> {
              int[][] t = new int[SeverityLevel.values().length][widths.size()];
              for (SeverityLevel l : SeverityLevel.values()) {
                for (int w = 0; w < widths.size(); w++) {
                  int k =
                      ScanStatistic.threshold(
                          minutes(widths.get(w)),
                          key.perDay(l),
                          tests,
                          settings.falseAlarmsPerWeek());
                  t[l.ordinal()][w] =
                      widths.get(w).compareTo(settings.window()) > 0 ? Math.max(k, 3) : k;
                }
              }
              return t;
            });
    if (b == memo) {
      memoTable = table;
    }
    return table[level.ordinal()][width];
  }

  /**
   * The minimal bursts among {@code sorted} (by onset) whose windows end no later than {@code
   * dataEnd}: beyond it the episodes are not all known.
   */
  List<Burst> minimalBursts(List<Episode> sorted, Instant dataEnd) {
    List<Burst> bursts = new ArrayList<>();
    for (SeverityLevel level : SeverityLevel.values()) {
      List<Episode> at =
          level == SeverityLevel.ANY
              ? sorted
              : sorted.stream().filter(e -> level.includes(e.severity())).toList();
      bursts.addAll(minimal(at, level, dataEnd));
    }
    if (bursts.size() < 2) {
      return bursts;
    }
    // Minimal across levels too: a burst of any impact that holds a burst of major ones owes it its
    // significance.
    List<Burst> minimal = new ArrayList<>();
    for (Burst a : bursts) {
      boolean holdsAnother = false;
      for (Burst b : bursts) {
        if (b != a
            && b.episodes().size() < a.episodes().size()
            && !b.from().isBefore(a.from())
            && !b.to().isAfter(a.to())
            && new HashSet<>(a.episodes()).containsAll(b.episodes())) {
          holdsAnother = true;
          break;
        }
      }
      if (!holdsAnother) {
        minimal.add(a);
      }
    }
    return minimal;
  }

  private List<Burst> minimal(List<Episode> e, SeverityLevel level, Instant dataEnd) {
    int n = e.size();
    int[] end = new int[n];
    Burst[] found = new Burst[n];
    int[] last = new int[widths.size()];
    for (int i = 0; i < n; i++) {
      end[i] = -1;
      Instant start = e.get(i).onset();
      Background b = null;
      for (int w = 0; w < widths.size(); w++) {
        Instant until = start.plus(widths.get(w));
        if (until.isAfter(dataEnd)) {
          break;
        }
        int j = Math.max(last[w], i);
        while (j + 1 < n && !e.get(j + 1).onset().isAfter(until)) {
          j++;
        }
        last[w] = j;
        if (b == null) {
          b = background(start);
        }
        int k = threshold(b, level, w);
        if (j - i + 1 < k) {
          continue;
        }
        int distinct = distinct(e, i, j);
        if (distinct >= k) {
          end[i] = j;
          double minutes = minutes(widths.get(w));
          found[i] =
              new Burst(
                  level,
                  widths.get(w),
                  List.copyOf(e.subList(i, j + 1)),
                  distinct,
                  ScanStatistic.expected(minutes, b.perDay(level)),
                  ScanStatistic.chanceBurstsPerWeek(distinct, minutes, b.perDay(level), tests),
                  b);
          break;
        }
      }
    }
    List<Burst> minimal = new ArrayList<>();
    int smallestEndAfter = Integer.MAX_VALUE;
    for (int i = n - 1; i >= 0; i--) {
      if (end[i] >= 0) {
        if (end[i] < smallestEndAfter) {
          minimal.add(found[i]);
        }
        smallestEndAfter = Math.min(smallestEndAfter, end[i]);
      }
    }
    return minimal;
  }

  /**
   * Whether some window holding {@code t} reaches a burst's size, counting onsets only (an upper
   * bound on distinct providers): when none does, an onset at {@code t} cannot start or join a
   * burst.
   */
  boolean mayBurstAround(IncidentIndex index, Instant t) {
    long at = t.toEpochMilli();
    long reach = widest().toMillis();
    long[] any = index.onsetsBetween(SeverityLevel.ANY, at - reach, at + reach);
    if (mayBurstAround(any, index.onsetCount(SeverityLevel.ANY), at, SeverityLevel.ANY)) {
      return true;
    }
    long[] major = index.onsetsBetween(SeverityLevel.MAJOR, at - reach, at + reach);
    return mayBurstAround(major, index.onsetCount(SeverityLevel.MAJOR), at, SeverityLevel.MAJOR);
  }

  private boolean mayBurstAround(long[] onsets, int n, long at, SeverityLevel level) {
    for (int w = 0; w < widths.size(); w++) {
      long width = widths.get(w).toMillis();
      // Windows holding t start within [t - width, t]: only those starts are looked at.
      int i = OnsetTimeline.lowerBound(onsets, n, at - width);
      int j = i;
      for (; i < n && onsets[i] <= at; i++) {
        j = Math.max(j, i);
        while (j + 1 < n && onsets[j + 1] <= onsets[i] + width) {
          j++;
        }
        if (j - i + 1 >= threshold(background(onsets[i]), level, w)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The window of any scan width and level holding {@code e} that the background explains least.
   */
  java.util.Optional<Burst> strongestAround(List<Episode> near, Episode e) {
    Burst best = null;
    for (SeverityLevel level : SeverityLevel.values()) {
      if (!level.includes(e.severity())) {
        continue;
      }
      List<Episode> at = near.stream().filter(x -> level.includes(x.severity())).toList();
      for (Duration width : widths) {
        for (int i = 0; i < at.size(); i++) {
          Instant start = at.get(i).onset();
          if (start.isAfter(e.onset()) || start.plus(width).isBefore(e.onset())) {
            continue;
          }
          int j = i;
          while (j + 1 < at.size() && !at.get(j + 1).onset().isAfter(start.plus(width))) {
            j++;
          }
          Background b = background(start);
          int k = distinct(at, i, j);
          double minutes = minutes(width);
          double chance = ScanStatistic.chanceBurstsPerWeek(k, minutes, b.perDay(level), tests);
          if (k >= 2
              && (width.compareTo(settings.window()) <= 0 || k >= 3)
              && (best == null || chance < best.chancePerWeek())) {
            best =
                new Burst(
                    level,
                    width,
                    List.copyOf(at.subList(i, j + 1)),
                    k,
                    ScanStatistic.expected(minutes, b.perDay(level)),
                    chance,
                    b);
          }
        }
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  private static int distinct(List<Episode> e, int from, int to) {
    Set<String> providers = new HashSet<>();
    for (int i = from; i <= to; i++) {
      providers.add(e.get(i).provider());
    }
    return providers.size();
  }

  static double minutes(Duration d) {
    return d.toMillis() / 60_000.0;
  }
}
