package dev.tandem.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The line that says what machine a result came from: figures from a 2-core laptop and a 32-core
 * server are not comparable, so every table carries it.
 */
final class MachineHeader {

  private MachineHeader() {}

  /**
   * The system's one-minute load average: whatever else the machine was doing shares its cores with
   * the broker and the applications, and moves every figure.
   */
  static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  static String describe() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "machine: %d cores, max heap %,d MB, Java %s (%s), %s %s %s",
        runtime.availableProcessors(),
        runtime.maxMemory() / (1024 * 1024),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"));
  }

  /**
   * A result's title, the machine (with {@code machineNote} after it, if any) and the load average
   * when the run began ({@code loadBefore}) and now.
   */
  static void print(java.io.PrintWriter out, String title, String machineNote, String loadBefore) {
    out.println("# " + title);
    out.println();
    out.println(describe() + machineNote);
    out.println(
        "load average (1 min) when the run began: "
            + loadBefore
            + ", when it ended: "
            + loadAverage());
  }
}
