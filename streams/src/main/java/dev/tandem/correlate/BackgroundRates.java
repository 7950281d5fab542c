package dev.tandem.correlate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Each provider's incident rate and their sum, the background, for each UTC day: what a burst is
 * judged against.
 *
 * <p>A provider is <em>watched</em> on a day when it has an incident of any impact that started in
 * the rate window before the day or during the day. Its rate at a severity level is a count of its
 * earlier episodes at that level, decaying with age, over the time it has been observed, shrunk
 * toward a prior so that one incident of a provider never seen before does not make it look noisy:
 * {@code λ = (prior·W + Σ e^(-age/τ)) / (W + τ·(1 - e^(-observed/τ)))} per day. Only episodes
 * before the day's start count, and only those within the rate window (a day less than the
 * retention, so eviction never changes a rate): the rates of a day are a function of the set of
 * incidents, never of the order they arrived in, and a new incident changes the rates of later days
 * only (or of its own day, when it is the first sign of a provider).
 *
 * <p>The day's sum is exact (fixed point), so it is the same number however it was reached.
 */
final class BackgroundRates {

  static final double DAY_MILLIS = 86_400_000.0;

  /** The share of a provider's episodes assumed MAJOR or worse before any is seen. */
  static final double PRIOR_MAJOR_SHARE = 0.5;

  private final IncidentIndex index;
  private final double priorPerDay;
  private final double priorWeightDays;
  private final double decayDays;
  private final Duration rateWindow;

  /** The first start the held days were counted from (see {@link #providerChanged}). */
  private Instant countedFirstStart;

  /** day → provider → {any, major} rate; only days asked for are held. */
  private final NavigableMap<Instant, Day> days = new TreeMap<>();

  /**
   * Below this many onsets, a count of all onsets says more about the burst being judged than about
   * the background, and only the providers' own rates are used.
   */
  static final int MIN_ONSETS_FOR_COUNT = 20;

  /**
   * Rates are kept as fixed-point longs (units of 2^-40 episodes a day) so that a day's sum is
   * exact: the same whatever order providers joined it in, and updated in O(1) per change.
   */
  private static final double SCALE = 0x1p40;

  /**
   * Each provider's place in a day's rates. Days hold a rate for every watched provider (10,000
   * providers × the 60 days held); kept in one primitive array per day, by ordinal, they cost 16
   * bytes a provider and a day, where a map of arrays cost 64.
   */
  private final Map<String, Integer> ordinals = new java.util.HashMap<>();

  private int ordinalOf(String provider) {
    return ordinals.computeIfAbsent(provider, p -> ordinals.size());
  }

  private static final class Day {
    private static final long ABSENT = -1;

    /** {any, major} of the provider with ordinal k at 2k and 2k+1; ABSENT when not watched. */
    private long[] rates = new long[0];

    /** How many providers are watched: those with rates. */
    int watched;

    long anySum;
    long majorSum;

    /**
     * Onsets of any provider per day, {any, major}, over the span before the day (or the day
     * itself, on the first day seen).
     */
    double[] counted;

    /** The end of the span counted: a change later than this leaves the count alone. */
    Instant countedUntil;

    Background total;

    /** The provider's {any, major} rates, or null when it is not watched this day. */
    long[] get(int ordinal) {
      return 2 * ordinal + 1 < rates.length && rates[2 * ordinal] != ABSENT
          ? new long[] {rates[2 * ordinal], rates[2 * ordinal + 1]}
          : null;
    }

    /** One rate of the provider, or ABSENT. */
    long rate(int ordinal, SeverityLevel level) {
      return 2 * ordinal + 1 < rates.length ? rates[2 * ordinal + level.ordinal()] : ABSENT;
    }

    /** Sets or (with null) clears the provider's rates, keeping the sums and the count. */
    void set(int ordinal, long[] now) {
      long[] before = get(ordinal);
      if (before != null) {
        anySum -= before[0];
        majorSum -= before[1];
        watched--;
      }
      if (2 * ordinal + 1 >= rates.length) {
        if (now == null) {
          return;
        }
        int from = rates.length;
        rates = java.util.Arrays.copyOf(rates, Math.max(2 * ordinal + 2, rates.length * 3 / 2));
        java.util.Arrays.fill(rates, from, rates.length, ABSENT);
      }
      if (now == null) {
        rates[2 * ordinal] = ABSENT;
        rates[2 * ordinal + 1] = ABSENT;
      } else {
        rates[2 * ordinal] = now[0];
        rates[2 * ordinal + 1] = now[1];
        anySum += now[0];
        majorSum += now[1];
        watched++;
      }
    }
  }

  BackgroundRates(IncidentIndex index, CorrelationSettings settings) {
    this.index = index;
    this.priorPerDay = settings.priorEpisodesPerDay();
    this.priorWeightDays = settings.priorWeightDays();
    this.decayDays = settings.rateDecay().toMillis() / DAY_MILLIS;
    Duration window = settings.retention().minus(Duration.ofDays(1));
    this.rateWindow = window.compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1) : window;
  }

  /** The background of the UTC day holding {@code t}. */
  Background at(Instant t) {
    Instant day = Background.dayOf(t);
    Day d = days.get(day);
    if (d == null) {
      d = new Day();
      for (IncidentIndex.Timeline timeline : index.timelines()) {
        long[] rates = rates(timeline, day);
        if (rates != null) {
          d.set(ordinalOf(timeline.provider), rates);
        }
      }
      days.put(day, d);
    }
    if (d.total == null) {
      double any = d.anySum / SCALE;
      double major = d.majorSum / SCALE;
      if (d.counted == null) {
        d.counted = counted(day);
        d.countedUntil = countedUntil(day);
      }
      d.total =
          new Background(
              day, d.watched, Math.max(any, d.counted[0]), Math.max(major, d.counted[1]));
    }
    return d.total;
  }

  /**
   * Where the count of {@code day} ends: at the day's start, or at its end on the first day seen.
   */
  private Instant countedUntil(Instant day) {
    Instant first = index.firstStart();
    return first != null && !first.isAfter(day.minus(Duration.ofDays(1)))
        ? day
        : day.plus(Duration.ofDays(1));
  }

  /**
   * The background counted directly: onsets of every provider per day over the rate window before
   * the day, or, on the first day Tandem has seen, over that day itself. It knows providers whose
   * rates nobody has learned yet (watched, but quiet so far in the window), which the sum of rates
   * misses while Tandem is new or a provider is rare.
   */
  private double[] counted(Instant day) {
    Instant first = index.firstStart();
    if (first == null) {
      return new double[] {0, 0};
    }
    Instant from = day.minus(rateWindow);
    from = first.isAfter(from) ? first : from;
    Instant to = countedUntil(day);
    if (!to.isAfter(from)) {
      return new double[] {0, 0};
    }
    int any = index.countOnsets(SeverityLevel.ANY, from.toEpochMilli(), to.toEpochMilli() - 1);
    int major = index.countOnsets(SeverityLevel.MAJOR, from.toEpochMilli(), to.toEpochMilli() - 1);
    double days = (to.toEpochMilli() - from.toEpochMilli()) / DAY_MILLIS;
    return new double[] {
      any >= MIN_ONSETS_FOR_COUNT ? any / days : 0, major >= MIN_ONSETS_FOR_COUNT ? major / days : 0
    };
  }

  /** One provider's rate (episodes a day) at a level, as known at the start of {@code t}'s day. */
  double ratePerDay(String provider, Instant t, SeverityLevel level) {
    Instant day = Background.dayOf(t);
    Day d = days.get(day);
    if (d != null) {
      Integer ordinal = ordinals.get(provider);
      long rate = ordinal == null ? Day.ABSENT : d.rate(ordinal, level);
      return rate == Day.ABSENT ? prior(level) : rate / SCALE;
    }
    IncidentIndex.Timeline timeline = index.timeline(provider);
    long[] rates = timeline == null ? null : rates(timeline, day);
    return rates == null ? prior(level) : rates[level.ordinal()] / SCALE;
  }

  private double prior(SeverityLevel level) {
    return level == SeverityLevel.ANY ? priorPerDay : priorPerDay * PRIOR_MAJOR_SHARE;
  }

  /** The coincidence model of specific providers, at their rates of {@code t}'s day. */
  CoincidenceModel coincidenceAt(Instant t) {
    return new CoincidenceModel(provider -> ratePerDay(provider, t, SeverityLevel.ANY));
  }

  /**
   * A day whose background changed.
   *
   * @param fell whether it fell at some level: then new bursts may appear that day; when it only
   *     rose, bursts can only have weakened, and only the outages already standing need a look
   */
  record DayChange(Instant day, boolean fell) {}

  /**
   * Recomputes one provider's share of every held day that a change at {@code t} can touch.
   *
   * @return the days whose background changed
   */
  /**
   * Recomputes one provider's share of every held day that changes at {@code from} to {@code until}
   * (onsets that appeared or went) can touch.
   *
   * @return the days whose background changed
   */
  List<DayChange> providerChanged(String provider, Instant from, Instant until) {
    List<DayChange> changed = new ArrayList<>();
    Instant first = Background.dayOf(from);
    Instant last = Background.dayOf(until).plus(rateWindow).plus(Duration.ofDays(1));
    // The direct count of a day starts at the first incident Tandem holds when that is inside the
    // window: when the first start moves (an earlier incident arrives late, the first is
    // forgotten), every day whose window held the old or holds the new first start recounts.
    Instant firstStart = index.firstStart();
    if (!java.util.Objects.equals(firstStart, countedFirstStart)) {
      Instant later =
          countedFirstStart == null || (firstStart != null && firstStart.isAfter(countedFirstStart))
              ? firstStart
              : countedFirstStart;
      if (later != null) {
        Instant reach = Background.dayOf(later).plus(rateWindow).plus(Duration.ofDays(1));
        last = reach.isAfter(last) ? reach : last;
      }
      countedFirstStart = firstStart;
    }
    IncidentIndex.Timeline timeline = index.timeline(provider);
    int ordinal = ordinalOf(provider);
    for (Map.Entry<Instant, Day> e : days.subMap(first, true, last, true).entrySet()) {
      long[] now = timeline == null ? null : rates(timeline, e.getKey());
      long[] before = e.getValue().get(ordinal);
      Day d = e.getValue();
      boolean countTouched =
          d.countedUntil == null
              || from.isBefore(d.countedUntil)
              || !countedUntil(e.getKey()).equals(d.countedUntil);
      double[] counted = countTouched ? counted(e.getKey()) : d.counted;
      if (!java.util.Arrays.equals(now, before) || !java.util.Arrays.equals(counted, d.counted)) {
        Background old = at(e.getKey());
        d.set(ordinal, now);
        d.counted = counted;
        d.countedUntil = countedUntil(e.getKey());
        d.total = null;
        Background updated = at(e.getKey());
        changed.add(
            new DayChange(
                e.getKey(),
                updated.anyPerDay() < old.anyPerDay()
                    || updated.majorPerDay() < old.majorPerDay()));
      }
    }
    return changed;
  }

  /** Forgets days before {@code day}: nothing will be judged against them again. */
  void forgetBefore(Instant day) {
    days.headMap(day, false).clear();
  }

  /**
   * {any, major} episodes a day in units of 2^-40, or null when the provider is not watched that
   * day.
   */
  private long[] rates(IncidentIndex.Timeline timeline, Instant day) {
    Instant from = day.minus(rateWindow);
    Instant firstSeen = timeline.firstStartWithin(from, day.plus(Duration.ofDays(1)));
    if (firstSeen == null) {
      return null;
    }
    double tau = decayDays;
    double any = 0;
    double major = 0;
    for (Episode e : timeline.episodes) {
      if (e.onset().isBefore(from) || !e.onset().isBefore(day)) {
        continue;
      }
      double weight = Math.exp(-(day.toEpochMilli() - e.onset().toEpochMilli()) / DAY_MILLIS / tau);
      any += weight;
      if (SeverityLevel.MAJOR.includes(e.severity())) {
        major += weight;
      }
    }
    double observedDays =
        firstSeen.isBefore(day) ? (day.toEpochMilli() - firstSeen.toEpochMilli()) / DAY_MILLIS : 0;
    double exposure = tau * -Math.expm1(-observedDays / tau);
    return new long[] {
      Math.round((priorPerDay * priorWeightDays + any) / (priorWeightDays + exposure) * SCALE),
      Math.round(
          (priorPerDay * PRIOR_MAJOR_SHARE * priorWeightDays + major)
              / (priorWeightDays + exposure)
              * SCALE)
    };
  }
}
