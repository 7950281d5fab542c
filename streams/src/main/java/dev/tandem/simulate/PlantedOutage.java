package dev.tandem.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A shared outage the simulator planted: the upstream's incident and those of the providers that
 * failed with it, each an ordinary incident of its provider.
 *
 * @param number 1-based, in the order of the upstream onsets
 * @param dependents ordered by onset, then provider
 */
public record PlantedOutage(
    int number, SimulatedIncident upstream, List<SimulatedIncident> dependents) {

  public PlantedOutage {
    dependents = List.copyOf(dependents);
  }

  /** Every member's provider, sorted, as an expected outage lists them. */
  public List<String> providers() {
    List<String> providers =
        new ArrayList<>(
            Stream.concat(Stream.of(upstream), dependents.stream())
                .map(SimulatedIncident::provider)
                .toList());
    providers.sort(null);
    return providers;
  }

  /** How long after the upstream's onset a dependent's onset came. */
  public Duration lag(SimulatedIncident dependent) {
    return Duration.between(upstream.onset(), dependent.onset());
  }
}
