package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} will not serve the API beyond this machine without credentials, unless told to: one
 * line and exit 1, before anything connects.
 */
class OpenApiRefusalTest {

  @Test
  void anOpenApiOnEveryAddressIsRefusedInOneLine(@TempDir Path dir) throws Exception {
    Path settings = Files.writeString(dir.resolve("run.properties"), "tandem.http.host=0.0.0.0\n");
    CommandLineRun run = new CommandLineRun();

    int exit =
        run.execute(
            "run",
            // Nothing listens there: the refusal must come before any connection.
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--schema-registry-url",
            "http://127.0.0.1:1",
            "--config",
            settings.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(run.err.toString().lines().toList())
        .singleElement()
        .asString()
        .startsWith(
            "tandem: tandem.http.host=0.0.0.0 would serve the API beyond this machine without"
                + " credentials")
        .endsWith("tandem.http.allow.anonymous=true behind a proxy that guards it");
  }
}
