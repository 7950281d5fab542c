package dev.tandem.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tandem.cli.TandemCommand;
import dev.tandem.embedded.EmbeddedKafkaBroker;
import dev.tandem.embedded.SaslSslListener;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.testing.CommandLineRun;
import dev.tandem.testing.EveryLog;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.PayloadFixtures;
import dev.tandem.testing.TcpProxy;
import dev.tandem.testing.TopicRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem publish}, {@code run} and {@code collect} against a broker that only lets clients
 * in over SASL_SSL with SCRAM-SHA-512 (a second in-process broker with a certificate made here),
 * and a registry reached over HTTPS with Basic auth: a TLS-terminating proxy in front of the shared
 * Apicurio, because Apicurio's own Basic auth needs an OIDC server. The secrets are given the way
 * the README says: from a file ({@code ${file:…}}), from the environment ({@code ${env:…}} in a
 * child JVM, whose environment can be set) and as a {@code TANDEM_} variable; and none of them may
 * show up in any log line or command output.
 */
@ExtendWith(KafkaStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureConnectionsTest {

  private static final String USER = "tandem";
  private static final String SCRAM_PASSWORD = secret("scram");
  private static final String REGISTRY_PASSWORD = secret("registry");
  private static final String STORE_PASSWORD = secret("store");
  private static final String PREFIX = "secure";
  private static final String RAW = PREFIX + ".raw";

  @TempDir static Path dir;
  private static EveryLog logs;
  private static SelfSignedCertificate certificate;
  private static EmbeddedKafkaBroker broker;
  private static TlsBasicAuthProxy registry;
  private static Path secrets;

  /** Everything the commands printed, for the last test. */
  private static final List<String> printed = new ArrayList<>();

  @BeforeAll
  static void secureBrokerAndRegistry() throws Exception {
    logs = new EveryLog();
    certificate = SelfSignedCertificate.create(dir, STORE_PASSWORD);
    broker =
        new EmbeddedKafkaBroker(
                null,
                new SaslSslListener(certificate.keyStore(), STORE_PASSWORD, USER, SCRAM_PASSWORD))
            .start();
    URI apicurio = URI.create(KafkaStack.registryUrl());
    registry =
        new TlsBasicAuthProxy(
            URI.create(apicurio.getScheme() + "://" + apicurio.getAuthority()),
            certificate,
            USER,
            REGISTRY_PASSWORD);
    secrets =
        Files.writeString(
            dir.resolve("secrets.properties"),
            "kafka.password=" + SCRAM_PASSWORD + "\ntruststore.password=" + STORE_PASSWORD + "\n");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @Test
  @Order(1)
  void runProcessesWhatPublishSentAndCollectPublishesOverSaslSsl() throws Exception {
    // The pipeline: SCRAM password and trust store password from the secrets file, the registry's
    // user info from a TANDEM_ environment variable (handed to TandemConfig as the environment).
    Path runConfig =
        Files.writeString(
            dir.resolve("tandem.properties"),
            clientSecurity("file")
                + String.join(
                    "\n",
                    "bootstrap.servers=" + broker.saslSslBootstrapServers(),
                    "schema.registry.url="
                        + registry.url(URI.create(KafkaStack.registryUrl()).getRawPath()),
                    "basic.auth.credentials.source=USER_INFO",
                    "schema.registry.ssl.truststore.type=PKCS12",
                    "schema.registry.ssl.truststore.location=" + certificate.trustStore(),
                    "schema.registry.ssl.truststore.password=${file:"
                        + secrets
                        + ":truststore.password}",
                    "application.id=" + PREFIX,
                    "state.dir=" + dir.resolve("state"),
                    "tandem.topic.partitions=1",
                    "tandem.connect.timeout.ms=10000",
                    topics())
                + "\n");
    TandemConfig config =
        TandemConfig.load(
            runConfig,
            Map.of("TANDEM_BASIC_AUTH_USER_INFO", USER + ":" + REGISTRY_PASSWORD),
            Map.of());

    try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1))) {
      Path clientConfig =
          Files.writeString(dir.resolve("client.properties"), clientSecurity("file"));
      CommandLineRun publish = new CommandLineRun();
      int published =
          publish.execute(
              "publish",
              "--envelopes",
              "--topic",
              RAW,
              "--bootstrap-servers",
              broker.saslSslBootstrapServers(),
              "--config",
              clientConfig.toString(),
              scenario("fastly-2021-06-08").toString());
      printed.add(publish.out + "\n" + publish.err);
      assertThat(published).as(publish.err.toString()).isZero();
      assertThat(publish.err.toString()).contains("published 12 records to " + RAW);

      List<ConsumerRecord<String, String>> outages = awaitRecords(PREFIX + ".outages.json", 1);
      assertThat(outages.get(0).value()).contains("\"fastly\"");
      assertThat(awaitRecords(PREFIX + ".incidents", 1)).isNotEmpty();
      assertThat(registry.forwarded()).as("schemas went through the HTTPS proxy").isPositive();
      assertThat(app.streams().state().isRunningOrRebalancing()).isTrue();
    }

    HttpServer statusPage = statusPage("statuspage/github-incidents-2024-09-16.json");
    try {
      Path providers =
          Files.writeString(
              dir.resolve("providers.yaml"),
              "providers:\n  - id: github\n    url: http://127.0.0.1:"
                  + statusPage.getAddress().getPort()
                  + "/api/v2/incidents.json\n    format: statuspage\n");
      Path envConfig =
          Files.writeString(dir.resolve("client-env.properties"), clientSecurity("env"));
      String output =
          tandemInAChildJvm(
              Map.of(
                  "TANDEM_TEST_KAFKA_PASSWORD",
                  SCRAM_PASSWORD,
                  "TANDEM_TEST_STORE_PASSWORD",
                  STORE_PASSWORD),
              "collect",
              "--once",
              "--topic",
              RAW,
              "--bootstrap-servers",
              broker.saslSslBootstrapServers(),
              "--config",
              envConfig.toString(),
              "--providers",
              providers.toString());
      printed.add(output);
      assertThat(output).contains("fetched 1 providers: 1 published to " + RAW);
      assertThat(awaitRecords(RAW, 13)).extracting(ConsumerRecord::key).contains("github");
    } finally {
      statusPage.stop(0);
    }
  }

  @Test
  @Order(2)
  void aWrongPasswordIsOneLineAtOnceWithoutRetrying() throws Exception {
    Path wrongSecrets =
        Files.writeString(
            dir.resolve("wrong-secrets.properties"),
            "kafka.password=not-"
                + SCRAM_PASSWORD
                + "\ntruststore.password="
                + STORE_PASSWORD
                + "\n");
    Path wrong =
        Files.writeString(
            dir.resolve("wrong.properties"),
            clientSecurity("file").replace(secrets.toString(), wrongSecrets.toString()));
    Path input = Files.writeString(dir.resolve("one.jsonl"), "{\"provider\":\"github\"}\n");
    int logLinesBefore = logs.lines().size();

    try (TcpProxy counted =
        new TcpProxy(Integer.parseInt(broker.saslSslBootstrapServers().split(":")[1]))) {
      String brokers = "127.0.0.1:" + counted.port();
      for (String[] command :
          List.of(
              new String[] {
                "publish",
                "--topic",
                RAW,
                "--bootstrap-servers",
                brokers,
                "--config",
                wrong.toString(),
                input.toString()
              },
              new String[] {
                "collect", "--once", "--bootstrap-servers", brokers, "--config", wrong.toString()
              },
              new String[] {
                "run",
                "--bootstrap-servers",
                brokers,
                "--schema-registry-url",
                registry.url("/"),
                "--config",
                wrong.toString()
              })) {
        int connectionsBefore = counted.connections();
        CommandLineRun cli = new CommandLineRun();
        long start = System.nanoTime();

        int code = cli.execute(command);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        printed.add(cli.out + "\n" + cli.err);
        assertThat(code).as(cli.err.toString()).isEqualTo(1);
        assertThat(cli.err.toString().lines())
            .as(command[0])
            .singleElement()
            .asString()
            .isEqualTo(
                "tandem: the Kafka brokers at "
                    + brokers
                    + " refused the credentials: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512");
        assertThat(took).as(command[0] + " gave up at once").isLessThan(Duration.ofSeconds(5));
        assertThat(counted.connections() - connectionsBefore)
            .as(command[0] + ": connections to the broker")
            .isEqualTo(1);
      }
    }
    List<String> logged = logs.lines().subList(logLinesBefore, logs.lines().size());
    assertThat(logged)
        .as("the broker refused each command once: no retries")
        .filteredOn(line -> line.contains("Failed authentication with /127.0.0.1"))
        .hasSize(3);
    assertThat(logged)
        .as("warnings and errors, which a user sees: the one line per command said it all")
        .filteredOn(line -> line.startsWith("WARN") || line.startsWith("ERROR"))
        .isEmpty();
  }

  @Test
  @Order(3)
  void anUntrustedCertificateIsOneLineNamingTheHandshake() throws Exception {
    // No trust store: the JVM's default CAs, which never signed the test certificate.
    Path untrusting =
        Files.writeString(
            dir.resolve("untrusting.properties"),
            clientSecurity("file")
                    .lines()
                    .filter(line -> !line.startsWith("ssl.truststore."))
                    .collect(Collectors.joining("\n"))
                + "\n");
    CommandLineRun cli = new CommandLineRun();

    int code =
        cli.execute(
            "collect",
            "--once",
            "--bootstrap-servers",
            broker.saslSslBootstrapServers(),
            "--config",
            untrusting.toString());

    printed.add(cli.out + "\n" + cli.err);
    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString().lines())
        .singleElement()
        .asString()
        .startsWith(
            "tandem: the TLS handshake with the Kafka brokers at "
                + broker.saslSslBootstrapServers()
                + " failed: ");
  }

  @Test
  @Order(4)
  void noSecretAppearsInAnyLogLineOrOutput() {
    List<String> everything = new ArrayList<>(logs.lines());
    everything.addAll(printed);

    assertThat(everything)
        .as("log lines and command output")
        .isNotEmpty()
        .noneMatch(line -> line.contains(SCRAM_PASSWORD))
        .noneMatch(line -> line.contains(REGISTRY_PASSWORD))
        .noneMatch(line -> line.contains(STORE_PASSWORD));
  }

  /**
   * SASL_SSL with SCRAM-SHA-512, both passwords from the secrets file ({@code file}) or from the
   * environment variables the child JVM gets ({@code env}).
   */
  private static String clientSecurity(String provider) {
    String password =
        provider.equals("file")
            ? "${file:" + secrets + ":kafka.password}"
            : "${env:TANDEM_TEST_KAFKA_PASSWORD}";
    String storePassword =
        provider.equals("file")
            ? "${file:" + secrets + ":truststore.password}"
            : "${env:TANDEM_TEST_STORE_PASSWORD}";
    return String.join(
            "\n",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=SCRAM-SHA-512",
            "config.providers=" + provider,
            "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
            "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + USER
                + "\" password=\""
                + password
                + "\";",
            "ssl.truststore.type=PKCS12",
            "ssl.truststore.location=" + certificate.trustStore(),
            "ssl.truststore.password=" + storePassword,
            "tandem.connect.timeout.ms=10000")
        + "\n";
  }

  private static String topics() {
    List<String> lines = new ArrayList<>();
    for (String role : List.of("raw", "updates", "incidents", "outages", "outages.json", "dlq")) {
      lines.add("tandem.topic." + role + "=" + PREFIX + "." + role);
    }
    return String.join("\n", lines);
  }

  /** At least {@code count} committed records of {@code topic}, read over SASL_SSL. */
  private static List<ConsumerRecord<String, String>> awaitRecords(String topic, int count)
      throws IOException {
    Properties props = new Properties();
    props.load(new java.io.StringReader(clientSecurity("file")));
    props.remove("tandem.connect.timeout.ms");
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslSslBootstrapServers());
    List<ConsumerRecord<String, String>> records =
        TopicRecords.read(props, topic, StringDeserializer::new, count);
    assertThat(records).as(topic).hasSizeGreaterThanOrEqualTo(count);
    return records;
  }

  private static Path scenario(String name) throws IOException {
    Path file = dir.resolve(name + ".jsonl");
    try (InputStream in =
        SecureConnectionsTest.class.getResourceAsStream("/scenarios/" + name + ".jsonl")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /** A status page on 127.0.0.1 that answers every request with the fixture. */
  private static HttpServer statusPage(String fixture) throws IOException {
    byte[] body = PayloadFixtures.bytes(fixture);
    HttpServer statusPage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    statusPage.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    statusPage.start();
    return statusPage;
  }

  /**
   * The command in a JVM of its own, with {@code environment} added to its environment: a JVM
   * cannot set its own. Returns what it printed (stdout and stderr, its log included).
   */
  private static String tandemInAChildJvm(Map<String, String> environment, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TandemCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static String secret(String what) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return what + "-" + HexFormat.of().formatHex(random);
  }
}
