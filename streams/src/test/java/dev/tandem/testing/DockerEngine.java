package dev.tandem.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether a Docker engine answers, for the choice of test cluster. Most machines without one have
 * nothing to ask, so that is settled at once, without Testcontainers' own search (which tries
 * several strategies and can take seconds): no {@code DOCKER_HOST}, no {@code docker.host} in
 * {@code ~/.testcontainers.properties}, and no Docker socket where engines put one. Only where one
 * of those exists is Testcontainers asked to reach the engine.
 */
public final class DockerEngine {

  /** The answer and why, as the run logs it. */
  public record Answer(boolean answers, String why) {}

  private final Map<String, String> environment;
  private final Path home;
  private final BooleanSupplier reachable;

  /**
   * @param reachable asks the engine (Testcontainers); called only when there is one to ask
   */
  public DockerEngine(Map<String, String> environment, Path home, BooleanSupplier reachable) {
    this.environment = environment;
    this.home = home;
    this.reachable = reachable;
  }

  /** This machine's engine, asked through Testcontainers. */
  public static DockerEngine ofThisMachine() {
    return new DockerEngine(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        () -> org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
  }

  public Answer ask() {
    String where = somewhereToAsk();
    if (where == null) {
      return new Answer(
          false,
          "no Docker engine: no DOCKER_HOST, no docker.host in ~/.testcontainers.properties, no"
              + " Docker socket");
    }
    boolean answers;
    try {
      answers = reachable.getAsBoolean();
    } catch (RuntimeException e) {
      answers = false;
    }
    return new Answer(
        answers,
        answers ? "a Docker engine answers at " + where : "no Docker engine answers at " + where);
  }

  /** Where an engine would be, or null when nothing points to one. */
  private String somewhereToAsk() {
    String host = environment.get("DOCKER_HOST");
    if (host != null && !host.isBlank()) {
      return "DOCKER_HOST=" + host;
    }
    Path properties = home.resolve(".testcontainers.properties");
    try {
      if (Files.isRegularFile(properties)
          && Files.readAllLines(properties).stream()
              .anyMatch(line -> line.strip().startsWith("docker.host"))) {
        return properties.toString();
      }
    } catch (java.io.IOException e) {
      // Unreadable: as if absent.
    }
    String runtime = environment.get("XDG_RUNTIME_DIR");
    List<Path> sockets =
        new java.util.ArrayList<>(
            List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock")));
    if (runtime != null && !runtime.isBlank()) {
      sockets.add(Path.of(runtime, "docker.sock"));
    }
    for (Path socket : sockets) {
      if (Files.exists(socket)) {
        return socket.toString();
      }
    }
    return null;
  }
}
