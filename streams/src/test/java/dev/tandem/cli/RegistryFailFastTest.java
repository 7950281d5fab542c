package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import dev.tandem.testing.KafkaStack;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} against a real broker: a registry that does not answer at start.
 */
@ExtendWith(KafkaStack.class)
class RegistryFailFastTest {

  @TempDir Path dir;

  @Test
  void aRegistryThatDoesNotAnswerAtStartIsOneLineNamingItsUrl() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    Path config = config("cli-registry-down", Map.of("schema.registry.url", url, "tandem.connect.timeout.ms", "2000"));
    CommandLineRun cli = new CommandLineRun();
    long start = System.nanoTime();

    int code = cli.execute("run", "--config", config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString().lines()).singleElement().asString()
        .isEqualTo("tandem: cannot reach the schema registry at " + url + " within 2 s (connection refused)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2 + 4));
  }

  private Path config(String prefix, Map<String, String> overrides) throws IOException {
    Map<String, String> settings = new TreeMap<>(KafkaStack.pipelineConfig(prefix, dir.resolve("state")).values());
    settings.putAll(overrides);
    Properties props = new Properties();
    props.putAll(settings);
    Path file = dir.resolve(prefix + ".properties");
    try (Writer writer = Files.newBufferedWriter(file)) {
      props.store(writer, null);
    }
    return file;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
