package dev.tandem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of main code (one per stage of the data flow) depend on each other without a cycle,
 * and the raw-record contract depends on none of them. Read from the sources: every {@code
 * dev.tandem.<package>.} a file names, in an import or written out.
 */
class PackageDependenciesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern NAMED = Pattern.compile("\\bdev\\.tandem\\.(\\w+)\\.");

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).as("packages read").containsKeys("raw", "collect", "normalize", "correlate");

    List<List<String>> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = pathBack(uses, start);
      if (path != null) {
        cycles.add(path);
      }
    }
    assertThat(cycles)
        .as("package cycles (each: a package, what it uses, ..., back to it)")
        .isEmpty();
  }

  @Test
  void theRawRecordContractDependsOnNoOtherPackage() throws IOException {
    assertThat(dependencies().get("raw")).isEmpty();
  }

  /** A way from {@code start} through what it uses back to itself, or null. */
  private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
    Map<String, String> reachedFrom = new HashMap<>();
    List<String> queue = new ArrayList<>(List.of(start));
    for (int i = 0; i < queue.size(); i++) {
      String at = queue.get(i);
      for (String next : uses.getOrDefault(at, Set.of())) {
        if (next.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String step = at; !step.equals(start); step = reachedFrom.get(step)) {
            path.add(1, step);
          }
          path.add(start);
          return path;
        }
        if (!reachedFrom.containsKey(next)) {
          reachedFrom.put(next, at);
          queue.add(next);
        }
      }
    }
    return null;
  }

  /** package → the other dev.tandem packages its main sources name. */
  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (String module : List.of("schemas", "streams")) {
      Path base = ROOT.resolve(module).resolve("src/main/java/dev/tandem");
      try (Stream<Path> files = Files.walk(base)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String pkg = base.relativize(file).getName(0).toString();
          Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
          String code = Files.readString(file).replaceFirst("(?m)^package .*;", "");
          Matcher named = NAMED.matcher(code);
          while (named.find()) {
            if (!named.group(1).equals(pkg)) {
              used.add(named.group(1));
            }
          }
        }
      }
    }
    return uses;
  }
}
