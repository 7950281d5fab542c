package dev.tandem.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates a {@link Simulation} from its settings (the model is in {@code package-info}).
 *
 * <p>Each part of the model draws from its own stream split off the seed, in a fixed order, so a
 * run is reproducible and changing one part (say, the number of planted outages) leaves the draws
 * of the others (the providers' rates and background incidents) as they were.
 */
public final class Simulator {

  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  private final SimulationSettings settings;

  public Simulator(SimulationSettings settings) {
    this.settings = settings;
  }

  /** Where a provider's incident starts, and which planted outage it belongs to, if any. */
  private record Onset(Instant at, int outage, int member) {
    static final int BACKGROUND = -1;
  }

  /** A planted outage before its incidents are drawn: member 0 is the upstream. */
  private record Plan(Instant upstreamOnset, int[] members, long[] lagSeconds) {}

  public Simulation simulate() {
    SplittableRandom seed = new SplittableRandom(settings.seed());
    SplittableRandom rateRandom = seed.split();
    SplittableRandom arrivalRandom = seed.split();
    SplittableRandom plantingRandom = seed.split();
    SplittableRandom shapeRandom = seed.split();

    int n = settings.providers();
    List<String> ids = new ArrayList<>(n);
    Map<String, Double> rates = new LinkedHashMap<>();
    LogUniform rate = new LogUniform(settings.minRate(), settings.maxRate());
    for (int p = 0; p < n; p++) {
      ids.add(settings.providerId(p));
      rates.put(ids.get(p), rate.draw(rateRandom));
    }

    List<List<Onset>> onsets = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      onsets.add(background(rates.get(ids.get(p)), arrivalRandom));
    }

    List<Plan> plans = new ArrayList<>();
    for (int k = 0; k < settings.shared(); k++) {
      plans.add(plan(plantingRandom));
    }
    // Numbered in time order, which is how a person reads them.
    plans.sort(Comparator.comparing(Plan::upstreamOnset));
    SimulatedIncident[][] planted = new SimulatedIncident[plans.size()][];
    for (int k = 0; k < plans.size(); k++) {
      Plan plan = plans.get(k);
      planted[k] = new SimulatedIncident[plan.members().length];
      for (int m = 0; m < plan.members().length; m++) {
        onsets
            .get(plan.members()[m])
            .add(new Onset(plan.upstreamOnset().plusSeconds(plan.lagSeconds()[m]), k, m));
      }
    }

    IncidentShapes shapes = new IncidentShapes(settings.severityMix(), shapeRandom);
    List<SimulatedIncident> incidents = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      List<Onset> mine = onsets.get(p);
      // Numbered by onset, planted and background alike, so an id says nothing about which is
      // which.
      // The sort is stable: equal onsets keep their (deterministic) order of creation.
      mine.sort(Comparator.comparing(Onset::at));
      for (int i = 0; i < mine.size(); i++) {
        Onset onset = mine.get(i);
        SimulatedIncident incident =
            shapes.draw(ids.get(p), ids.get(p) + "-" + String.format("%04d", i + 1), onset.at());
        incidents.add(incident);
        if (onset.outage() != Onset.BACKGROUND) {
          planted[onset.outage()][onset.member()] = incident;
        }
      }
    }

    List<PlantedOutage> outages = new ArrayList<>();
    for (int k = 0; k < planted.length; k++) {
      List<SimulatedIncident> dependents =
          new ArrayList<>(List.of(planted[k]).subList(1, planted[k].length));
      dependents.sort(
          Comparator.comparing(SimulatedIncident::onset)
              .thenComparing(SimulatedIncident::provider));
      outages.add(new PlantedOutage(k + 1, planted[k][0], dependents));
    }
    return new Simulation(settings, rates, incidents, outages);
  }

  /** A Poisson process at {@code perDay} over the period: exponential gaps between onsets. */
  private List<Onset> background(double perDay, SplittableRandom random) {
    List<Onset> onsets = new ArrayList<>();
    double day = 0;
    while (true) {
      day += -Math.log(1 - random.nextDouble()) / perDay;
      if (day >= settings.days()) {
        return onsets;
      }
      onsets.add(
          new Onset(
              settings.start().plusSeconds((long) (day * SECONDS_PER_DAY)), Onset.BACKGROUND, 0));
    }
  }

  /**
   * One shared outage: its upstream's onset uniform over the period less a day at each end (so
   * every provider's rate has a day of history before it, and it resolves within the period), an
   * upstream uniform over the providers, and dependents drawn without replacement from the others.
   */
  private Plan plan(SplittableRandom random) {
    int n = settings.providers();
    long margin = SimulationSettings.PLANTING_MARGIN_DAYS * SECONDS_PER_DAY;
    long span = settings.days() * SECONDS_PER_DAY - 2 * margin;
    Instant upstreamOnset = settings.start().plusSeconds(margin + random.nextLong(span));
    int upstream = random.nextInt(n);
    int dependents = random.nextInt(settings.minDependents(), settings.maxDependents() + 1);

    // A partial Fisher-Yates shuffle of the other providers: the first `dependents` slots are the
    // pick.
    int[] others = new int[n - 1];
    for (int p = 0, i = 0; p < n; p++) {
      if (p != upstream) {
        others[i++] = p;
      }
    }
    int[] members = new int[dependents + 1];
    long[] lagSeconds = new long[dependents + 1];
    members[0] = upstream;
    for (int d = 0; d < dependents; d++) {
      int pick = d + random.nextInt(others.length - d);
      int chosen = others[pick];
      others[pick] = others[d];
      others[d] = chosen;
      members[d + 1] = chosen;
      lagSeconds[d + 1] = random.nextLong(settings.maxLag().toSeconds() + 1);
    }
    return new Plan(upstreamOnset, members, lagSeconds);
  }
}
