package dev.tandem.bench;

import dev.tandem.raw.RawStatus;
import dev.tandem.scenario.Scenario;
import dev.tandem.simulate.SimulationFiles;
import dev.tandem.simulate.SimulationSettings;
import dev.tandem.simulate.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * The raw records the bench sends: those of {@code tandem simulate} with the same settings, in the
 * order a collector received them, read back through the scenario files as {@code tandem demo
 * --scenarios} reads them. The same seed gives the same records.
 */
final class SimulatedLoad {

  private SimulatedLoad() {}

  /**
   * @param limit at most this many records, the first in arrival order
   */
  static List<RawStatus> records(SimulationSettings settings, int limit) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("tandem-bench-sim-");
      SimulationFiles.write(new Simulator(settings).simulate(), dir);
      List<RawStatus> all = Scenario.records(Scenario.fromDirectory(dir));
      return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the simulation to " + dir, e);
    } finally {
      if (dir != null) {
        try {
          Utils.delete(dir.toFile());
        } catch (IOException e) {
          // A leftover temporary directory does not change a figure.
        }
      }
    }
  }
}
