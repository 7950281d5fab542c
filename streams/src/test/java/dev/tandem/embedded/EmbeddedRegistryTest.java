package dev.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded schema registry speaks the Confluent API, keeps schemas in Kafka so that ids survive
 * its restarts, and never leaves a process behind. Registry starts cost ~10 s each, so the tests
 * share one broker and hand one registry on from test to test, in order (four starts in all).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedRegistryTest {

  private static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
  private static final String STRING_SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path workDir;

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedRegistry registry;
  private static int registeredId;

  @BeforeAll
  static void startBrokerAndRegistry() {
    broker = new EmbeddedKafkaBroker(null, 0).start();
    registry = new EmbeddedRegistry(broker.bootstrapServers(), workDir, 0).start();
  }

  @AfterAll
  static void stopRegistryAndBroker() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Test
  @Order(1)
  void answersTheConfluentApiOnLoopback() throws Exception {
    assertThat(registry.isRunning()).isTrue();
    assertThat(registry.url())
        .isEqualTo("http://127.0.0.1:" + registry.port() + "/apis/ccompat/v7");

    HttpResponse<String> subjects = get("/subjects");

    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(subjects.body())).isEqualTo(JSON.readTree("[]"));
  }

  @Test
  @Order(2)
  void givesARegisteredSchemaAnId() throws Exception {
    HttpResponse<String> registered = post("/subjects/test-value/versions", STRING_SCHEMA);

    assertThat(registered.statusCode()).isEqualTo(200);
    registeredId = JSON.readTree(registered.body()).path("id").asInt(-1);
    assertThat(registeredId).isPositive();
  }

  @Test
  @Order(3)
  void keepsSchemasInAKafkaTopicThatNeverExpires() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      ConfigResource journal = new ConfigResource(ConfigResource.Type.TOPIC, "kafkasql-journal");
      Config config =
          admin.describeConfigs(List.of(journal)).all().get(30, TimeUnit.SECONDS).get(journal);

      assertThat(config.get("retention.ms").value()).isEqualTo("-1");
    }
  }

  @Test
  @Order(4)
  void remembersSchemaIdsAcrossARestart() throws Exception {
    registry.close();
    assertThat(registry.isRunning()).isFalse();
    registry = new EmbeddedRegistry(broker.bootstrapServers(), workDir, 0).start();

    HttpResponse<String> byId = get("/schemas/ids/" + registeredId);
    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(byId.body()).path("schema").asText())
        .isEqualTo("{\"type\":\"string\"}");

    HttpResponse<String> registeredAgain = post("/subjects/test-value/versions", STRING_SCHEMA);
    assertThat(registeredAgain.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(registeredAgain.body()).path("id").asInt()).isEqualTo(registeredId);
  }

  @Test
  @Order(5)
  void refusesAPortThatIsAlreadyTakenBeforeLaunchingAnything(@TempDir Path otherWorkDir) {
    EmbeddedRegistry clash =
        new EmbeddedRegistry(broker.bootstrapServers(), otherWorkDir, registry.port());

    assertThatThrownBy(clash::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Port " + registry.port())
        .hasMessageContaining("already in use");
    assertThat(otherWorkDir.resolve("registry.pid")).doesNotExist();
    assertThat(registry.isRunning()).isTrue();
  }

  @Test
  @Order(6)
  void stopsARegistryThatAKilledEarlierRunLeftBehind() throws Exception {
    // The running registry stands for one whose JVM was killed: nothing closes it, only its pid
    // file remains.
    ProcessHandle leftBehind = ProcessHandle.of(registry.pid()).orElseThrow();
    assertThat(workDir.resolve("registry.pid"))
        .content()
        .isEqualToIgnoringWhitespace(String.valueOf(leftBehind.pid()));

    EmbeddedRegistry next = new EmbeddedRegistry(broker.bootstrapServers(), workDir, 0).start();
    EmbeddedRegistry abandoned = registry;
    registry = next;
    abandoned.close();

    assertThat(leftBehind.isAlive()).isFalse();
    assertThat(next.isRunning()).isTrue();
    assertThat(next.pid()).isNotEqualTo(leftBehind.pid());
    assertThat(workDir.resolve("registry.pid"))
        .content()
        .isEqualToIgnoringWhitespace(String.valueOf(next.pid()));
    assertThat(get("/schemas/ids/" + registeredId).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void diesWithTheJvmThatStartedItEvenIfNobodyClosedIt(@TempDir Path forgetfulWorkDir)
      throws Exception {
    long registryPid = registryOfAForgetfulJvm(forgetfulWorkDir);

    assertThat(ProcessHandle.of(registryPid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  @Order(8)
  void diesWithTheJvmThatStartedItEvenWhenThatJvmIsHaltedWithoutShutdownHooks(
      @TempDir Path haltedWorkDir) throws Exception {
    long registryPid = registryOfAForgetfulJvm(haltedWorkDir, "halt");

    org.awaitility.Awaitility.await("the registry stops once its parent is gone")
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(registryPid).filter(ProcessHandle::isAlive).isEmpty());
  }

  /**
   * Runs a {@link ForgetfulJvm} on the shared broker until it exits, and returns the pid of the
   * registry it started and left.
   */
  private static long registryOfAForgetfulJvm(Path workDir, String... how) throws Exception {
    Path output = workDir.resolve("jvm.out");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-D"
                    + RegistryDistribution.HOME_PROPERTY
                    + "="
                    + RegistryDistribution.locate().home(),
                ForgetfulJvm.class.getName(),
                broker.bootstrapServers(),
                workDir.toString()));
    command.addAll(List.of(how));
    Process jvm =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();

    assertThat(jvm.waitFor(150, TimeUnit.SECONDS))
        .as("the JVM exits; its output: %s", output)
        .isTrue();
    String said = Files.readString(output);
    return said.lines()
        .filter(line -> line.startsWith(ForgetfulJvm.PID_PREFIX))
        .mapToLong(line -> Long.parseLong(line.substring(ForgetfulJvm.PID_PREFIX.length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no registry pid in: " + said));
  }

  /**
   * Starts a registry, says which process it is, and exits without closing it ("halt": without
   * shutdown hooks).
   */
  static final class ForgetfulJvm {
    static final String PID_PREFIX = "registry-pid=";

    public static void main(String[] args) {
      EmbeddedRegistry registry = new EmbeddedRegistry(args[0], Path.of(args[1]), 0).start();
      System.out.println(PID_PREFIX + registry.pid());
      System.out.flush();
      if (args.length > 2 && args[2].equals("halt")) {
        Runtime.getRuntime().halt(0);
      }
      System.exit(0);
    }
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(registry.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", SCHEMA_REGISTRY_JSON)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(registry.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", SCHEMA_REGISTRY_JSON)
            .header("Accept", SCHEMA_REGISTRY_JSON)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
