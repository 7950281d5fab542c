package dev.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Tandem finds Apicurio Registry's server: configured, beside its own jar, or from the Maven
 * repository.
 */
class RegistryDistributionTest {

  @TempDir Path root;

  @Test
  void prefersTheDirectoryTheSystemPropertyNames() throws IOException {
    Path configured = distributionIn("configured");
    Path besideCode = distributionIn("target");

    RegistryDistribution found =
        RegistryDistribution.locate(
            configured.toString(),
            null,
            Optional.of(besideCode),
            root.resolve("none.tar.gz"),
            root.resolve("cache"));

    assertThat(found.home()).isEqualTo(configured);
    assertThat(found.runnerJar()).isEqualTo(configured.resolve(RegistryDistribution.RUNNER_JAR));
  }

  @Test
  void looksBesideTandemsCodeWhenTheConfiguredDirectoryHasNoRegistry() throws IOException {
    Path empty = Files.createDirectories(root.resolve("empty"));
    Path besideCode = distributionIn("target");

    RegistryDistribution found =
        RegistryDistribution.locate(
            empty.toString(),
            empty.toString(),
            Optional.of(besideCode),
            root.resolve("none.tar.gz"),
            root.resolve("cache"));

    assertThat(found.home()).isEqualTo(besideCode);
  }

  @Test
  void unpacksTheArchiveFromTheMavenRepositoryOnceAndReusesIt() throws Exception {
    Path archive = archiveWithRunnerJar();
    Path cache = root.resolve("cache").resolve(RegistryDistribution.DIRECTORY_NAME);

    RegistryDistribution unpacked =
        RegistryDistribution.locate(null, null, Optional.empty(), archive, cache);
    Files.delete(archive);
    RegistryDistribution reused =
        RegistryDistribution.locate(null, null, Optional.empty(), archive, cache);

    assertThat(unpacked.runnerJar()).isRegularFile();
    assertThat(reused.home()).isEqualTo(unpacked.home()).isEqualTo(cache);
    assertThat(cache.getParent())
        .isDirectoryNotContaining(path -> path.getFileName().toString().contains("unpacking"));
  }

  @Test
  void saysHowToFetchTheRegistryWhenItIsNowhere() {
    assertThatThrownBy(
            () ->
                RegistryDistribution.locate(
                    null,
                    null,
                    Optional.of(root.resolve("target")),
                    root.resolve("none.tar.gz"),
                    root.resolve("cache")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(RegistryDistribution.RUNNER_JAR)
        .hasMessageContaining(root.resolve("target").toString())
        .hasMessageContaining("mvn -B package -DskipTests")
        .hasMessageContaining(RegistryDistribution.HOME_VARIABLE);
  }

  private Path distributionIn(String name) throws IOException {
    Path home = Files.createDirectories(root.resolve(name));
    Files.createFile(home.resolve(RegistryDistribution.RUNNER_JAR));
    return home;
  }

  private Path archiveWithRunnerJar() throws Exception {
    Path content = distributionIn("content");
    Files.createDirectories(content.resolve("lib"));
    Path archive = root.resolve("apicurio-registry-app-all.tar.gz");
    Process tar =
        new ProcessBuilder("tar", "-czf", archive.toString(), "-C", content.toString(), ".")
            .inheritIO()
            .start();
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).isZero();
    return archive;
  }
}
