package dev.tandem.correlate;

import java.time.Instant;
import java.util.Collection;

/**
 * One provider's incident rate as correlation learns it (design §6): episodes a day at the start of
 * a UTC day, from its own incidents, shrunk toward the prior. The same number the background sums,
 * worked out from that provider's incidents alone, for people asking about one provider.
 */
public final class LearnedRate {

  private LearnedRate() {}

  /**
   * @param incidents the provider's incidents (others are ignored)
   * @return episodes of impact minor or worse a day, as known at the start of {@code at}'s day
   */
  public static double perDay(
      CorrelationSettings settings,
      String provider,
      Collection<ProviderIncident> incidents,
      Instant at) {
    IncidentIndex index = new IncidentIndex();
    for (ProviderIncident incident : incidents) {
      if (incident.provider().equals(provider)) {
        index.put(incident);
      }
    }
    return new BackgroundRates(index, settings).ratePerDay(provider, at, SeverityLevel.ANY);
  }
}
