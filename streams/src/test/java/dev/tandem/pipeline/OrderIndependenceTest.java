package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.Incident;
import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Final outages and incidents are a function of the set of updates only (design §5): every bundled
 * scenario, its raw records in any order and some of them repeated as polling repeats them, ends
 * with the same outages (ids, members, causes, states; versions may differ) and incidents as its
 * in-order replay. Named *Test so that Surefire's default includes run it.
 */
class OrderIndependenceTest {

  /** What each scenario's in-order replay concludes, computed once per scenario. */
  private static final Map<String, Conclusion> IN_ORDER = new ConcurrentHashMap<>();

  @Property(tries = 25)
  void anyArrivalOrderWithRepeatsEndsInTheSameOutagesAndIncidents(
      @ForAll("arrivals") Arrival arrival) {
    Conclusion expected =
        IN_ORDER.computeIfAbsent(
            arrival.scenario().name(), name -> Conclusion.of(arrival.inOrder()));

    Conclusion actual = Conclusion.of(arrival.records());

    assertThat(actual.outages()).isEqualTo(expected.outages());
    assertThat(actual.incidents()).isEqualTo(expected.incidents());
  }

  @Provide
  Arbitrary<Arrival> arrivals() {
    return Arbitraries.of(Scenario.bundled())
        .flatMap(
            scenario -> {
              int n = Scenario.records(List.of(scenario)).size();
              return Arbitraries.integers()
                  .between(0, n - 1)
                  .list()
                  .ofMaxSize(2 * n)
                  // Long lists as often as short ones: a long one is a thorough shuffle with
                  // repeats.
                  .withSizeDistribution(RandomDistribution.uniform())
                  .map(early -> new Arrival(scenario, early));
            });
  }

  /**
   * An arrival order of a scenario's records: those at the indices of {@code early} first, in that
   * order and with its repeats, then every record not delivered yet, in order. Every permutation
   * with repeats has this form, and it shrinks towards the in-order replay.
   */
  record Arrival(Scenario scenario, List<Integer> early) {

    List<RawStatus> inOrder() {
      return Scenario.records(List.of(scenario));
    }

    List<Integer> indices() {
      Set<Integer> order = new LinkedHashSet<>(early);
      List<Integer> indices = new ArrayList<>(early);
      IntStream.range(0, inOrder().size()).filter(i -> !order.contains(i)).forEach(indices::add);
      return indices;
    }

    List<RawStatus> records() {
      List<RawStatus> inOrder = inOrder();
      return indices().stream().map(inOrder::get).toList();
    }

    /**
     * What jqwik prints for a counterexample: each record as its index, provider and arrival time.
     */
    @Override
    public String toString() {
      List<RawStatus> inOrder = inOrder();
      return scenario.name()
          + " "
          + indices().stream()
              .map(
                  i ->
                      "#" + i + " " + inOrder.get(i).provider() + "@" + inOrder.get(i).receivedAt())
              .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /**
   * Where a replay ends: the outages that stand, by id without versions, and the final incidents.
   */
  private record Conclusion(
      Map<String, OutageLog.Standing> outages, Map<String, Incident> incidents) {

    static Conclusion of(List<RawStatus> records) {
      try (OfflinePipeline run = OfflinePipeline.of(records)) {
        return new Conclusion(OutageLog.standingOutages(run.outageChanges()), run.incidents());
      }
    }
  }
}
