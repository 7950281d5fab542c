package dev.tandem.simulate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator produced.
 *
 * @param rates each provider's own incident rate per day, by provider id in provider order
 * @param incidents every incident, background and planted, by provider then onset
 * @param planted the planted outages, by upstream onset
 */
public record Simulation(
    SimulationSettings settings,
    Map<String, Double> rates,
    List<SimulatedIncident> incidents,
    List<PlantedOutage> planted) {

  public Simulation {
    // Kept in provider order: nothing written may depend on a hash order.
    rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
    incidents = List.copyOf(incidents);
    planted = List.copyOf(planted);
  }

  public long updateCount() {
    return incidents.stream().mapToLong(i -> i.updates().size()).sum();
  }
}
