package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.scenario.ScenarioEnvelope;
import dev.tandem.testing.CommandLineRun;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TcpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem run} against a real broker and registry (through a proxy that can be cut): a
 * registry that does not answer at start, and one that goes away while the pipeline runs.
 */
@ExtendWith(KafkaStack.class)
class RegistryFailFastTest {

  @TempDir Path dir;

  @Test
  void aRegistryThatDoesNotAnswerAtStartIsOneLineNamingItsUrl() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
    Path config =
        config(
            "cli-registry-down",
            Map.of("schema.registry.url", url, "tandem.connect.timeout.ms", "2000"));
    CommandLineRun cli = new CommandLineRun();
    long start = System.nanoTime();

    int code = cli.execute("run", "--config", config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "tandem: cannot reach the schema registry at "
                + url
                + " within 2 s (connection refused)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2 + 4));
  }

  @Test
  void aRegistryLostWhileRunningStopsTheApplicationWithExitCodeOne() throws Exception {
    URI registry = URI.create(KafkaStack.registryUrl());
    try (TcpProxy proxy = new TcpProxy(registry.getPort())) {
      String url = "http://127.0.0.1:" + proxy.port() + registry.getPath();
      String app = "cli-registry-lost";
      Path config =
          config(
              app,
              Map.of(
                  "schema.registry.url", url,
                  // Fast: one retry per request, and the first pipeline thread that fails on the
                  // registry stops the application.
                  "schema.registry.max.retries", "1",
                  "schema.registry.retry.backoff.ms", "10",
                  "tandem.registry.max.failures", "1",
                  // Any free port for the HTTP API: 8080 may be taken where the tests run.
                  "tandem.http.port", "0"));
      CommandLineRun cli = new CommandLineRun();
      CompletableFuture<Integer> run =
          CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString()));
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> run.isDone() || cli.err.toString().contains("running"));
      assertThat(run).as(cli.err.toString()).isNotDone();

      proxy.close();
      publishOneStatusPage(app + ".raw");

      int code = run.get(1, TimeUnit.MINUTES);
      assertThat(code).isEqualTo(1);
      assertThat(cli.err.toString().lines().findFirst().orElseThrow())
          // Without credentials, on this machine only (README, Security).
          .startsWith("tandem: HTTP API at http://127.0.0.1:");
      assertThat(cli.err.toString().lines())
          .hasSize(3)
          .last()
          .asString()
          .startsWith(
              "tandem: pipeline "
                  + app
                  + " stopped: the schema registry at "
                  + url
                  + "/subjects/"
                  + app
                  + ".updates-value/versions could not be reached (connection refused)")
          .contains("tandem.registry.max.failures=1");
    }
  }

  private Path config(String prefix, Map<String, String> overrides) throws IOException {
    Map<String, String> settings =
        new TreeMap<>(KafkaStack.pipelineConfig(prefix, dir.resolve("state")).values());
    settings.putAll(overrides);
    Properties props = new Properties();
    props.putAll(settings);
    Path file = dir.resolve(prefix + ".properties");
    try (Writer writer = Files.newBufferedWriter(file)) {
      props.store(writer, null);
    }
    return file;
  }

  private static void publishOneStatusPage(String topic) throws Exception {
    String line;
    try (InputStream in =
        RegistryFailFastTest.class.getResourceAsStream("/scenarios/fastly-2021-06-08.jsonl")) {
      line =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(ScenarioEnvelope.parse(line).toRawStatus().toProducerRecord(topic)).get();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
