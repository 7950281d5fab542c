package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRatesTest {

  private static final double PRIOR = 1.0 / 7;
  private static final Instant NOW = Instant.parse("2025-03-31T12:00:00Z");

  private static List<ProviderIncident> daily(String provider, int days) {
    List<ProviderIncident> incidents = new ArrayList<>();
    for (int d = days; d >= 1; d--) {
      Instant start = NOW.minus(Duration.ofDays(d));
      incidents.add(new ProviderIncident(provider, provider + "-" + d, "errors", Severity.MINOR, start,
          start.plus(Duration.ofMinutes(30)), List.of()));
    }
    return incidents;
  }

  private static ProviderRates learn(List<ProviderIncident> incidents) {
    return ProviderRates.learn(Episodes.of(incidents), incidents, CorrelationSettings.DEFAULTS);
  }

  @Test
  void aProviderNeverSeenHasThePriorRate() {
    assertThat(learn(List.of()).ratePerDay("newcomer", NOW)).isCloseTo(PRIOR, within(1e-12));
  }

  @Test
  void aProviderThatFailsEveryDayLearnsAHighRate() {
    double rate = learn(daily("noisy", 21)).ratePerDay("noisy", NOW);

    assertThat(rate).isGreaterThan(0.5).isLessThan(1.2);
  }

  @Test
  void aProviderObservedLongWithOneIncidentLearnsALowRate() {
    List<ProviderIncident> incidents = new ArrayList<>(daily("quiet", 1));
    incidents.add(new ProviderIncident("quiet", "notice", "scheduled work", Severity.MAINTENANCE,
        NOW.minus(Duration.ofDays(29)), NOW.minus(Duration.ofDays(29)), List.of()));

    assertThat(learn(incidents).ratePerDay("quiet", NOW)).isLessThan(PRIOR);
  }

  @Test
  void onlyEpisodesBeforeTheMomentCount() {
    ProviderRates rates = learn(daily("noisy", 21));

    assertThat(rates.ratePerDay("noisy", NOW.minus(Duration.ofDays(21)))).isCloseTo(PRIOR, within(1e-9));
  }
}
