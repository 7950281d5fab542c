package dev.tandem.pipeline;

import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.Scenario;
import dev.tandem.simulate.Simulation;
import dev.tandem.simulate.SimulationFiles;
import dev.tandem.simulate.SimulationSettings;
import dev.tandem.simulate.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The crash tests' input: eight days of simulated traffic from 400 providers (about 270 of them
 * with incidents) with 30 planted shared outages, about 2,400 raw records in the order a collector
 * received them. Big enough that a run takes many commits to get through, small enough for the
 * suite's time budget.
 */
final class SimulatedTraffic {

  static final SimulationSettings SETTINGS = SimulationSettings.of(400, 8, 30, 20_260_105L);

  private static List<RawStatus> records;

  private SimulatedTraffic() {}

  /** Every record, in arrival order (computed once per test run). */
  static synchronized List<RawStatus> records() {
    if (records == null) {
      Simulation simulation = new Simulator(SETTINGS).simulate();
      try {
        Path dir = Files.createTempDirectory("tandem-sim");
        Path scenario = SimulationFiles.write(simulation, dir).scenario();
        records =
            Scenario.records(List.of(Scenario.parse(SETTINGS.name(), Files.readString(scenario))));
        try (var files = Files.list(dir)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
        Files.delete(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return records;
  }

  /** The first {@code share} of the records, by arrival. */
  static List<RawStatus> firstPart(double share) {
    List<RawStatus> all = records();
    return all.subList(0, (int) (all.size() * share));
  }

  /** The rest after {@link #firstPart}. */
  static List<RawStatus> rest(double share) {
    List<RawStatus> all = records();
    return all.subList((int) (all.size() * share), all.size());
  }

  /** How many distinct providers the records come from. */
  static long providers() {
    return records().stream().map(RawStatus::provider).distinct().count();
  }
}
