package dev.tandem.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry's prebuilt server on this machine: the directory holding its runner jar and
 * {@code lib/}, found where the build, the user or the local Maven repository put it.
 */
final class RegistryDistribution {

  private static final Logger log = LoggerFactory.getLogger(RegistryDistribution.class);

  static final String VERSION = "3.0.9";
  static final String DIRECTORY_NAME = "apicurio-registry-" + VERSION;
  static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";
  static final String HOME_PROPERTY = "tandem.registry.home";
  static final String HOME_VARIABLE = "TANDEM_REGISTRY_HOME";

  private static final String ARCHIVE_IN_MAVEN_REPOSITORY =
      "io/apicurio/apicurio-registry-app/"
          + VERSION
          + "/apicurio-registry-app-"
          + VERSION
          + "-all.tar.gz";

  private final Path home;

  private RegistryDistribution(Path home) {
    this.home = home;
  }

  /** The directory the runner jar sits in. */
  Path home() {
    return home;
  }

  Path runnerJar() {
    return home.resolve(RUNNER_JAR);
  }

  /**
   * Looks, in order, at the {@value #HOME_PROPERTY} system property, the {@value #HOME_VARIABLE}
   * environment variable, {@value #DIRECTORY_NAME} beside the jar (or class directory) Tandem runs
   * from, and the archive in the local Maven repository, unpacked once into ~/.cache/tandem.
   */
  static RegistryDistribution locate() {
    Path userHome = Path.of(System.getProperty("user.home"));
    Path mavenRepository =
        Path.of(
            System.getProperty("maven.repo.local", userHome.resolve(".m2/repository").toString()));
    return locate(
        System.getProperty(HOME_PROPERTY),
        System.getenv(HOME_VARIABLE),
        besideCode(),
        mavenRepository.resolve(ARCHIVE_IN_MAVEN_REPOSITORY),
        userHome.resolve(".cache/tandem").resolve(DIRECTORY_NAME));
  }

  /** {@link #locate()} with every place to look given, so each rule can be checked on its own. */
  static RegistryDistribution locate(
      String homeProperty,
      String homeVariable,
      Optional<Path> besideCode,
      Path archive,
      Path unpackInto) {
    List<String> looked = new ArrayList<>();
    for (Candidate candidate :
        List.of(
            Candidate.configured("system property " + HOME_PROPERTY, homeProperty),
            Candidate.configured("environment variable " + HOME_VARIABLE, homeVariable),
            new Candidate("beside Tandem's code", besideCode, false),
            new Candidate(
                "unpacked earlier from the local Maven repository",
                Optional.of(unpackInto),
                false))) {
      if (candidate.directory().isEmpty()) {
        continue;
      }
      Path directory = candidate.directory().get().toAbsolutePath().normalize();
      if (Files.isRegularFile(directory.resolve(RUNNER_JAR))) {
        return new RegistryDistribution(directory);
      }
      looked.add(directory + " (" + candidate.source() + ")");
      if (candidate.configured()) {
        // Set but wrong: say so, yet still try the places that need no configuration.
        log.warn(
            "{} points to {}, which has no {}; looking elsewhere",
            candidate.source(),
            directory,
            RUNNER_JAR);
      }
    }
    if (Files.isRegularFile(archive)) {
      return new RegistryDistribution(unpack(archive, unpackInto));
    }
    looked.add(archive + " (archive in the local Maven repository)");
    throw new IllegalStateException(
        "Apicurio Registry "
            + VERSION
            + " is not on this machine; looked for "
            + RUNNER_JAR
            + " in: "
            + String.join("; ", looked)
            + ". Run `mvn -B package -DskipTests` in the Tandem"
            + " checkout to fetch it, or set "
            + HOME_VARIABLE
            + " to an unpacked apicurio-registry-app-"
            + VERSION
            + "-all.tar.gz.");
  }

  private static Path unpack(Path archive, Path target) {
    log.info("Unpacking {} into {} (once)", archive, target);
    Path staging =
        target.resolveSibling(target.getFileName() + ".unpacking-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(staging);
      Process tar =
          new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", staging.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!tar.waitFor(5, TimeUnit.MINUTES)
          || tar.exitValue() != 0
          || !Files.isRegularFile(staging.resolve(RUNNER_JAR))) {
        tar.destroyForcibly();
        throw new IllegalStateException(
            "Could not unpack " + archive + " with tar: " + output.trim());
      }
      // Renaming a finished directory into place means a half-unpacked one is never mistaken for
      // it.
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another Tandem process may have unpacked it meanwhile; theirs is as good as ours.
        if (!Files.isRegularFile(target.resolve(RUNNER_JAR))) {
          throw e;
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not unpack " + archive + " into " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while unpacking " + archive, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /** For target/tandem.jar and for target/classes alike, the directory that holds it: target/. */
  private static Optional<Path> besideCode() {
    try {
      CodeSource source = RegistryDistribution.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path parent = Path.of(source.getLocation().toURI()).getParent();
      return Optional.ofNullable(parent).map(p -> p.resolve(DIRECTORY_NAME));
    } catch (URISyntaxException | RuntimeException e) {
      log.debug("Cannot tell where Tandem's code was loaded from", e);
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      log.warn("Could not delete {}", directory, e);
    }
  }

  private record Candidate(String source, Optional<Path> directory, boolean configured) {
    static Candidate configured(String source, String value) {
      return new Candidate(
          source, Optional.ofNullable(value).filter(v -> !v.isBlank()).map(Path::of), true);
    }
  }
}
