package dev.tandem.correlate;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The chance that independent providers start failing this close together by accident. Each
 * provider's onsets are a Poisson process with its own rate; given the rarest member failing (the
 * surprising event), every other member must start within the same span by chance: {@code P = Π (1
 * - exp(-2·λᵢ·span))} over the others. Conditioning on the rarest is the cautious choice: a member
 * that fails every day makes the product large, as it should.
 */
public final class CoincidenceModel {

  /**
   * Onsets closer than this count as this far apart: status pages post with minute resolution and
   * lag.
   */
  static final Duration MIN_SPAN = Duration.ofMinutes(5);

  private final ToDoubleFunction<String> episodesPerDay;

  /**
   * @param episodesPerDay each provider's incident rate (episodes of MINOR or worse per day)
   */
  public CoincidenceModel(ToDoubleFunction<String> episodesPerDay) {
    this.episodesPerDay = episodesPerDay;
  }

  /** The same prior rate for every provider. */
  public static CoincidenceModel uniform(double episodesPerDay) {
    return new CoincidenceModel(provider -> episodesPerDay);
  }

  public double ratePerDay(String provider) {
    return episodesPerDay.applyAsDouble(provider);
  }

  /** Probability that {@code providers} (distinct) all start within {@code span} by chance. */
  public double probability(Collection<String> providers, Duration span) {
    if (providers.size() < 2) {
      return 1.0;
    }
    double days = Math.max(span.toMillis(), MIN_SPAN.toMillis()) / 86_400_000.0;
    List<String> byRate =
        providers.stream()
            .sorted(
                Comparator.comparingDouble(this::ratePerDay)
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    double p = 1.0;
    // The rarest provider is the one "given"; every other one has to fail near it by chance.
    for (String provider : byRate.subList(1, byRate.size())) {
      p *= -Math.expm1(-2 * ratePerDay(provider) * days);
    }
    return p;
  }
}
