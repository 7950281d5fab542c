package dev.tandem.correlate;

/**
 * How often the background alone produces a burst: the scan statistic of a Poisson stream of
 * onsets, with the look-elsewhere effect paid for explicitly.
 *
 * <p>Onsets of all providers watched form a Poisson process of rate Λ (the sum of every provider's
 * learned rate). The rule "alarm when some window of width w holds k onsets" fires, by chance, at
 * the rate at which an onset arrives with at least k − 1 others in the w before it: {@code Λ ·
 * P(Poisson(Λw) ≥ k − 1)}. That counts every onset of a chance burst, not each burst once, so it is
 * an upper bound on the rate of chance bursts (the declumped rate is lower). Tandem tests several
 * widths and two severity levels; by the union bound the rate at which <em>any</em> of those tests
 * fires is at most their sum, so each test is charged {@code tests ×} its own rate. The result is
 * in the units the user sets the budget in: chance alarms per week.
 */
public final class ScanStatistic {

  static final double DAYS_PER_WEEK = 7.0;
  private static final double MINUTES_PER_DAY = 1440.0;

  private ScanStatistic() {}

  /**
   * Chance bursts per week at least as strong as {@code k} onsets within {@code widthMinutes}.
   *
   * @param ratePerDay Λ, onsets per day of every provider watched at this severity level
   * @param tests how many (width, level) tests are run side by side: the look-elsewhere charge
   */
  public static double chanceBurstsPerWeek(
      int k, double widthMinutes, double ratePerDay, int tests) {
    if (k <= 1) {
      return Double.POSITIVE_INFINITY;
    }
    double expected = ratePerDay * widthMinutes / MINUTES_PER_DAY;
    return tests * ratePerDay * DAYS_PER_WEEK * upperTail(k - 1, expected);
  }

  /**
   * The fewest onsets within {@code widthMinutes} that the background makes rarer than the budget.
   */
  public static int threshold(
      double widthMinutes, double ratePerDay, int tests, double budgetPerWeek) {
    if (chanceBurstsPerWeek(2, widthMinutes, ratePerDay, tests) <= budgetPerWeek) {
      return 2;
    }
    // The chance rate falls as k grows: double up to a k within budget, then bisect.
    int low = 2;
    int high = 4;
    while (chanceBurstsPerWeek(high, widthMinutes, ratePerDay, tests) > budgetPerWeek) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      int mid = (low + high) >>> 1;
      if (chanceBurstsPerWeek(mid, widthMinutes, ratePerDay, tests) > budgetPerWeek) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return high;
  }

  /** Expected onsets within {@code widthMinutes} at {@code ratePerDay}. */
  public static double expected(double widthMinutes, double ratePerDay) {
    return ratePerDay * widthMinutes / MINUTES_PER_DAY;
  }

  /** P(X ≥ m) for X ~ Poisson(mean), accurate in the far tail, where alarms are decided. */
  static double upperTail(int m, double mean) {
    if (m <= 0) {
      return 1.0;
    }
    if (mean <= 0) {
      return 0.0;
    }
    if (m <= mean) {
      // The bulk: 1 − P(X ≤ m − 1); precision here does not matter, the answer is large.
      double sum = 0;
      for (int j = 0; j < m; j++) {
        sum += Math.exp(logTerm(j, mean));
      }
      return Math.max(0.0, 1.0 - sum);
    }
    // The tail: terms fall geometrically from j = m on, so a few dozen terms suffice.
    double sum = 0;
    double log = logTerm(m, mean);
    double term = Math.exp(log);
    for (int j = m; term > sum * 1e-15 && j < m + 10_000; j++) {
      sum += term;
      term *= mean / (j + 1);
    }
    return Math.min(1.0, sum);
  }

  private static double logTerm(int j, double mean) {
    return -mean + j * Math.log(mean) - logFactorial(j);
  }

  private static final double[] LOG_FACTORIALS = new double[256];

  static {
    for (int i = 1; i < LOG_FACTORIALS.length; i++) {
      LOG_FACTORIALS[i] = LOG_FACTORIALS[i - 1] + Math.log(i);
    }
  }

  static double logFactorial(int n) {
    if (n < LOG_FACTORIALS.length) {
      return LOG_FACTORIALS[n];
    }
    // Stirling's series: ample precision beyond 255.
    double x = n + 1.0;
    return (x - 0.5) * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI)
        + 1.0 / (12 * x)
        - 1.0 / (360 * x * x * x);
  }
}
