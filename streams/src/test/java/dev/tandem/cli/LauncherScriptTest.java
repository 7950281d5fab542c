package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tandem} launcher builds the jar when it is missing or older than a source, and
 * otherwise starts at once. Run on a copy of the project's layout, with {@code mvn} and {@code
 * java} stand-ins on the PATH that only say they ran: what is tested is the script's decision.
 */
class LauncherScriptTest {

  private static final Path SCRIPT = Path.of("..").toAbsolutePath().normalize().resolve("tandem");
  private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path project;
  private Path jar;
  private Path source;
  private Path bin;

  @BeforeEach
  void projectWithABuiltJar() throws IOException {
    Files.copy(SCRIPT, project.resolve("tandem"));
    executable(project.resolve("tandem"));
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    source = project.resolve("streams/src/main/java/Some.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Some {}");
    Files.createDirectories(project.resolve("schemas/src"));
    jar = project.resolve("streams/target/tandem.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    // Build output beside the jar is newer than it and must not count as a change.
    Files.writeString(project.resolve("streams/target/Some.class"), "class");
    at(project.resolve("pom.xml"), BUILT.minusSeconds(3600));
    at(source, BUILT.minusSeconds(60));
    at(jar, BUILT);
    at(project.resolve("streams/target/Some.class"), BUILT.plusSeconds(60));
    bin = Files.createDirectories(project.resolve("bin"));
    stub("mvn", "echo mvn \"$@\" >> \"$LOG\"; touch streams/target/tandem.jar");
    stub("java", "echo java \"$@\" >> \"$LOG\"");
  }

  @Test
  void anUpToDateJarStartsWithoutABuild() throws Exception {
    Run run = launch("--version");

    assertThat(run.code).isZero();
    assertThat(run.err).isEmpty();
    assertThat(run.log).doesNotContain("mvn").contains("java -jar " + jar + " --version");
  }

  @Test
  void aSourceChangedAfterTheBuildBuildsAgainFirst() throws Exception {
    at(source, BUILT.plusSeconds(60));

    Run run = launch("--version");

    assertThat(run.code).isZero();
    assertThat(run.err).isEqualTo("tandem: building " + jar + " (about a minute)...\n");
    assertThat(run.log.lines())
        .containsExactly("mvn -B -q package -DskipTests", "java -jar " + jar + " --version");
  }

  @Test
  void aChangedPomOrAMissingJarBuildsToo() throws Exception {
    at(project.resolve("pom.xml"), BUILT.plusSeconds(1));
    assertThat(launch("--version").log).startsWith("mvn ");

    Files.delete(jar);
    Files.delete(project.resolve("log"));
    assertThat(launch("--version").log).startsWith("mvn ");
  }

  private record Run(int code, String err, String log) {}

  private Run launch(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = project.resolve("tandem").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().put("LOG", project.resolve("log").toString());
    builder.environment().remove("TANDEM_JAVA_OPTS");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Path log = project.resolve("log");
    return new Run(process.exitValue(), err, Files.exists(log) ? Files.readString(log) : "");
  }

  private void stub(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    executable(file);
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void at(Path file, Instant time) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(time));
  }
}
