package dev.tandem.correlate;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Each provider's incident rate, learned from the incidents correlation holds: a count of its
 * earlier episodes that decays with age, over the time it has been observed, shrunk toward a
 * prior so that one incident of a provider never seen before does not make it look noisy:
 * {@code λ = (prior·W + Σ e^(-age/τ)) / (W + τ·(1 - e^(-observed/τ)))} per day.
 * Only episodes before a given moment count, so the rate at an outage's onset depends on the
 * set of incidents, never on the order they arrived in.
 */
public final class ProviderRates {

  private static final double DAY_MILLIS = 86_400_000.0;

  private final double priorPerDay;
  private final double priorWeightDays;
  private final double decayDays;
  private final Map<String, NavigableSet<Instant>> onsets = new HashMap<>();
  private final Map<String, Instant> firstSeen = new HashMap<>();

  private ProviderRates(CorrelationSettings settings) {
    this.priorPerDay = settings.priorEpisodesPerDay();
    this.priorWeightDays = settings.priorWeightDays();
    this.decayDays = settings.rateDecay().toMillis() / DAY_MILLIS;
  }

  /**
   * @param episodes the episodes of every provider (they count toward rates)
   * @param incidents every incident held, of any impact (they tell since when a provider is observed)
   */
  public static ProviderRates learn(List<Episode> episodes, Collection<ProviderIncident> incidents, CorrelationSettings settings) {
    ProviderRates rates = new ProviderRates(settings);
    for (Episode e : episodes) {
      rates.onsets.computeIfAbsent(e.provider(), k -> new TreeSet<>()).add(e.onset());
    }
    for (ProviderIncident i : incidents) {
      rates.firstSeen.merge(i.provider(), i.startedAt(), (a, b) -> a.isBefore(b) ? a : b);
    }
    return rates;
  }

  /** Episodes of MINOR or worse per day, as known just before {@code at}. */
  public double ratePerDay(String provider, Instant at) {
    double tau = decayDays;
    double count = 0;
    for (Instant onset : onsets.getOrDefault(provider, new TreeSet<>()).headSet(at, false)) {
      count += Math.exp(-(at.toEpochMilli() - onset.toEpochMilli()) / DAY_MILLIS / tau);
    }
    Instant first = firstSeen.get(provider);
    double observedDays = first == null || !first.isBefore(at) ? 0 : (at.toEpochMilli() - first.toEpochMilli()) / DAY_MILLIS;
    double exposure = tau * -Math.expm1(-observedDays / tau);
    return (priorPerDay * priorWeightDays + count) / (priorWeightDays + exposure);
  }

  /** The coincidence model as of {@code at}. */
  public CoincidenceModel at(Instant at) {
    return new CoincidenceModel(provider -> ratePerDay(provider, at));
  }
}
