package dev.tandem.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model of {@code package-info}, checked on the simulation itself (the files are {@link
 * SimulateCommandTest}'s).
 */
class SimulatorTest {

  private static final SimulationSettings SETTINGS = SimulationSettings.of(200, 30, 12, 42);
  private static final Simulation SIMULATION = new Simulator(SETTINGS).simulate();

  @Test
  void sameSettingsSameSimulationAndAnotherSeedAnother() {
    assertThat(new Simulator(SETTINGS).simulate()).isEqualTo(SIMULATION);
    assertThat(new Simulator(SimulationSettings.of(200, 30, 12, 43)).simulate().incidents())
        .isNotEqualTo(SIMULATION.incidents());
  }

  @Test
  void plantingMoreOutagesLeavesTheBackgroundRatesAlone() {
    assertThat(new Simulator(SimulationSettings.of(200, 30, 3, 42)).simulate().rates())
        .isEqualTo(SIMULATION.rates());
  }

  @Test
  void everyIncidentIsFourUpdatesFromInvestigatingToResolved() {
    assertThat(SIMULATION.updateCount()).isEqualTo(4L * SIMULATION.incidents().size());
    for (SimulatedIncident incident : SIMULATION.incidents()) {
      List<SimulatedUpdate> updates = incident.updates();
      assertThat(updates)
          .extracting(SimulatedUpdate::status)
          .containsExactly(
              IncidentStatus.INVESTIGATING,
              IncidentStatus.IDENTIFIED,
              IncidentStatus.MONITORING,
              IncidentStatus.RESOLVED);
      Duration length = Duration.between(incident.onset(), incident.resolvedAt());
      assertThat(length).isBetween(Duration.ofMinutes(20), Duration.ofHours(4));
      assertThat(fraction(incident, 1)).isBetween(0.10 - 1e-3, 0.30 + 1e-3);
      assertThat(fraction(incident, 2)).isBetween(0.50 - 1e-3, 0.80 + 1e-3);
      for (SimulatedUpdate update : updates) {
        assertThat(Duration.between(update.updatedAt(), update.receivedAt()))
            .isBetween(Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(update.updateId()).startsWith(incident.incidentId());
        assertThat(update.updatedAt().getNano()).as("status pages give whole seconds").isZero();
      }
      assertThat(incident.impact()).isIn(Impact.MINOR, Impact.MAJOR, Impact.CRITICAL);
      assertThat(incident.title())
          .as("no title hints at another provider")
          .doesNotContain("sim-")
          .isIn(IncidentShapes.TITLES);
    }
  }

  @Test
  void idsAreUniqueAndOnsetsLieInThePeriod() {
    Set<String> ids = new HashSet<>();
    for (SimulatedIncident incident : SIMULATION.incidents()) {
      assertThat(ids.add(incident.incidentId())).as(incident.incidentId()).isTrue();
      assertThat(incident.onset()).isBetween(SETTINGS.start(), SETTINGS.end().minusMillis(1));
      assertThat(incident.provider()).matches("sim-\\d{3}").isBetween("sim-001", "sim-200");
    }
  }

  @Test
  void backgroundIncidentsComeAtTheProvidersRates() {
    SimulationSettings settings = SimulationSettings.of(1000, 30, 0, 7);
    Simulation simulation = new Simulator(settings).simulate();

    assertThat(simulation.rates().values())
        .allSatisfy(r -> assertThat(r).isBetween(settings.minRate(), settings.maxRate()));
    double expected =
        simulation.rates().values().stream().mapToDouble(r -> r * settings.days()).sum();
    // A sum of Poisson counts: its standard deviation is the square root of its mean.
    assertThat((double) simulation.incidents().size())
        .isCloseTo(expected, within(5 * Math.sqrt(expected)));
    // Log-uniform: the median rate is the geometric mean of the bounds, not their midpoint.
    long belowGeometricMean =
        simulation.rates().values().stream()
            .filter(r -> r < Math.sqrt(settings.minRate() * settings.maxRate()))
            .count();
    assertThat((double) belowGeometricMean).isCloseTo(500, within(80.0));
  }

  @Test
  void plantedOutagesAreAnUpstreamAndThreeToEightDependentsWithinTheLag() {
    assertThat(SIMULATION.planted()).hasSize(12);
    assertThat(SIMULATION.planted())
        .extracting(PlantedOutage::number)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    Instant previous = Instant.MIN;
    for (PlantedOutage outage : SIMULATION.planted()) {
      assertThat(outage.providers()).hasSizeBetween(4, 9).doesNotHaveDuplicates().isSorted();
      Instant upstreamOnset = outage.upstream().onset();
      assertThat(upstreamOnset)
          .isAfterOrEqualTo(previous)
          .isBetween(
              SETTINGS.start().plus(Duration.ofDays(1)), SETTINGS.end().minus(Duration.ofDays(1)));
      previous = upstreamOnset;
      for (SimulatedIncident dependent : outage.dependents()) {
        assertThat(outage.lag(dependent)).isBetween(Duration.ZERO, SETTINGS.maxLag());
      }
      assertThat(Stream.concat(Stream.of(outage.upstream()), outage.dependents().stream()))
          .as("planted incidents are ordinary incidents of their providers")
          .allSatisfy(incident -> assertThat(SIMULATION.incidents()).contains(incident));
    }
  }

  @Test
  void theSeverityMixIsHonoured() {
    SimulationSettings allCritical =
        new SimulationSettings(
            50,
            10,
            2,
            1,
            0.1,
            0.5,
            3,
            8,
            Duration.ofMinutes(5),
            SeverityMix.parse("critical=1"),
            SimulationSettings.DEFAULT_START,
            null);

    assertThat(new Simulator(allCritical).simulate().incidents())
        .extracting(SimulatedIncident::impact)
        .containsOnly(Impact.CRITICAL);
  }

  @Test
  void aZeroLagMakesDependentsStartWithTheirUpstream() {
    SimulationSettings together =
        new SimulationSettings(
            20,
            3,
            2,
            1,
            0.01,
            0.01,
            1,
            1,
            Duration.ZERO,
            SeverityMix.parse(SeverityMix.DEFAULT),
            SimulationSettings.DEFAULT_START,
            null);

    for (PlantedOutage outage : new Simulator(together).simulate().planted()) {
      assertThat(outage.dependents())
          .singleElement()
          .satisfies(d -> assertThat(d.onset()).isEqualTo(outage.upstream().onset()));
    }
  }

  /** When update {@code index} came, as a fraction of the incident's length. */
  private static double fraction(SimulatedIncident incident, int index) {
    double length = Duration.between(incident.onset(), incident.resolvedAt()).toSeconds();
    return Duration.between(incident.onset(), incident.updates().get(index).updatedAt()).toSeconds()
        / length;
  }
}
