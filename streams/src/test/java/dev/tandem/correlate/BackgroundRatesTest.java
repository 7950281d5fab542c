package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundRatesTest {

  private static final double PRIOR = 1.0 / 7;
  private static final Instant NOW = Instant.parse("2025-03-31T12:00:00Z");

  private static List<ProviderIncident> daily(String provider, int days, Severity severity) {
    List<ProviderIncident> incidents = new ArrayList<>();
    for (int d = days; d >= 1; d--) {
      Instant start = NOW.minus(Duration.ofDays(d));
      incidents.add(
          new ProviderIncident(
              provider,
              provider + "-" + d,
              "errors",
              severity,
              start,
              start.plus(Duration.ofMinutes(30)),
              List.of()));
    }
    return incidents;
  }

  private static BackgroundRates learn(List<ProviderIncident> incidents) {
    IncidentIndex index = new IncidentIndex();
    incidents.forEach(index::put);
    return new BackgroundRates(index, CorrelationSettings.DEFAULTS);
  }

  @Test
  void aProviderNeverSeenHasThePriorRate() {
    assertThat(learn(List.of()).ratePerDay("newcomer", NOW, SeverityLevel.ANY))
        .isCloseTo(PRIOR, within(1e-12));
  }

  @Test
  void aProviderThatFailsEveryDayLearnsAHighRate() {
    double rate =
        learn(daily("noisy", 21, Severity.MINOR)).ratePerDay("noisy", NOW, SeverityLevel.ANY);

    assertThat(rate).isGreaterThan(0.5).isLessThan(1.2);
  }

  @Test
  void minorIncidentsLowerTheMajorRateBelowItsPrior() {
    BackgroundRates rates = learn(daily("noisy", 21, Severity.MINOR));

    assertThat(rates.ratePerDay("noisy", NOW, SeverityLevel.MAJOR))
        .isLessThan(PRIOR * BackgroundRates.PRIOR_MAJOR_SHARE);
  }

  @Test
  void aProviderObservedLongWithOneIncidentLearnsALowRate() {
    List<ProviderIncident> incidents = new ArrayList<>(daily("quiet", 1, Severity.MINOR));
    incidents.add(
        new ProviderIncident(
            "quiet",
            "notice",
            "scheduled work",
            Severity.MAINTENANCE,
            NOW.minus(Duration.ofDays(28)),
            NOW.minus(Duration.ofDays(28)),
            List.of()));

    assertThat(learn(incidents).ratePerDay("quiet", NOW, SeverityLevel.ANY)).isLessThan(PRIOR);
  }

  @Test
  void onlyEpisodesBeforeTheDayCount() {
    BackgroundRates rates = learn(daily("noisy", 21, Severity.MINOR));

    assertThat(rates.ratePerDay("noisy", NOW.minus(Duration.ofDays(21)), SeverityLevel.ANY))
        .isCloseTo(PRIOR, within(1e-9));
  }

  @Test
  void theBackgroundSumsTheProvidersWatchedThatDay() {
    List<ProviderIncident> incidents = new ArrayList<>(daily("a", 3, Severity.MAJOR));
    incidents.addAll(daily("b", 3, Severity.MINOR));
    BackgroundRates rates = learn(incidents);

    Background today = rates.at(NOW);

    assertThat(today.watched()).isEqualTo(2);
    assertThat(today.anyPerDay())
        .isCloseTo(
            rates.ratePerDay("a", NOW, SeverityLevel.ANY)
                + rates.ratePerDay("b", NOW, SeverityLevel.ANY),
            within(1e-12));
    assertThat(today.majorPerDay()).isLessThan(today.anyPerDay());
    assertThat(rates.at(NOW.minus(Duration.ofDays(40))).watched())
        .as("nobody watched before any incident")
        .isZero();
  }
}
