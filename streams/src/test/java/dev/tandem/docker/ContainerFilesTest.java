package dev.tandem.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tandem.docker.DockerfileInstructions.Instruction;
import dev.tandem.pipeline.TandemSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker/ without a Docker engine, which neither this project's CI nor the
 * machine it was written on has: the image and the compose stack are pinned, wired to each other
 * and to Tandem's real settings, ports and files. {@code docker compose config} and a real {@code
 * up} are left to machines with Docker (README, Run with Docker).
 */
class ContainerFilesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOCKER = ROOT.resolve("docker");
  private static final YAMLMapper YAML = new YAMLMapper();

  /** A tag that names a release: major.minor.patch, optionally a `v` and a variant after it. */
  private static final Pattern PINNED_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._-][\\w.-]+)?");

  private static final Set<String> ALWAYS_UP =
      Set.of("kafka", "schema-registry", "tandem", "collect", "replay");
  private static final Set<String> MONITORING = Set.of("prometheus", "grafana");

  @Test
  void composeRunsTheStackAndMonitoringOnlyOnRequest() throws IOException {
    JsonNode services = compose().path("services");
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    Set<String> expected = new TreeSet<>(ALWAYS_UP);
    expected.addAll(MONITORING);
    assertThat(names).isEqualTo(expected);
    for (String name : ALWAYS_UP) {
      assertThat(services.path(name).has("profiles")).as("%s starts with `up`", name).isFalse();
    }
    for (String name : MONITORING) {
      assertThat(textsOf(services.path(name).path("profiles")))
          .as("%s only with --profile monitoring", name)
          .containsExactly("monitoring");
    }
    assertThat(image(services.path("kafka"))).startsWith("apache/kafka:");
    assertThat(env(services.path("kafka")).get("KAFKA_PROCESS_ROLES"))
        .as("KRaft: the one node is its own controller")
        .contains("broker")
        .contains("controller");
    assertThat(image(services.path("schema-registry")))
        .startsWith("confluentinc/cp-schema-registry:");
  }

  @Test
  void everyImageIsPinnedToARelease() throws IOException {
    JsonNode services = compose().path("services");
    services
        .fields()
        .forEachRemaining(
            service -> {
              String image = image(service.getValue());
              assertThat(image).as("%s's image", service.getKey()).isNotBlank();
              if (service.getValue().has("build")) {
                // Built here, from this checkout: named after the project's version.
                assertThat(service.getValue().path("build").path("dockerfile").asText())
                    .isEqualTo("docker/Dockerfile");
                assertThat(
                        DOCKER
                            .resolve(service.getValue().path("build").path("context").asText())
                            .normalize())
                    .as("the build context is the repository root")
                    .isEqualTo(ROOT);
              }
              assertThat(tagOf(image))
                  .as("%s's image %s", service.getKey(), image)
                  .matches(PINNED_TAG);
            });
    for (Instruction from : dockerfile().of("FROM")) {
      String image = from.arguments().split("\\s+")[0];
      assertThat(tagOf(image)).as("FROM %s", image).matches(PINNED_TAG);
    }
    // The broker the stack runs is the Kafka Tandem is built and tested against.
    assertThat(image(compose().path("services").path("kafka")))
        .isEqualTo("apache/kafka:" + pomProperty("kafka.version"));
    // Testcontainers runs the end-to-end tests on the same two images as the stack.
    assertThat(image(compose().path("services").path("kafka")))
        .isEqualTo(dev.tandem.testing.ContainerCluster.KAFKA_IMAGE);
    assertThat(image(compose().path("services").path("schema-registry")))
        .isEqualTo(dev.tandem.testing.ContainerCluster.SCHEMA_REGISTRY_IMAGE);
  }

  @Test
  void servicesStartInTheOrderTheyNeedEachOther() throws IOException {
    JsonNode services = compose().path("services");
    assertThat(dependsOn(services.path("schema-registry")))
        .containsEntry("kafka", "service_healthy");
    assertThat(dependsOn(services.path("tandem")))
        .containsEntry("kafka", "service_healthy")
        .containsEntry("schema-registry", "service_healthy");
    // collect and publish need the raw topic, which `run` creates.
    assertThat(dependsOn(services.path("replay"))).containsEntry("tandem", "service_healthy");
    // History before today's pages, or the history would arrive too late (design §5).
    assertThat(dependsOn(services.path("collect")))
        .containsEntry("tandem", "service_healthy")
        .containsEntry("replay", "service_completed_successfully");
    assertThat(textsOf(services.path("tandem").path("command"))).containsExactly("run");
    assertThat(textsOf(services.path("collect").path("command")))
        .containsExactly("collect", "--http-port", "8081");
    assertThat(services.path("replay").path("restart").asText()).isEqualTo("no");
  }

  @Test
  void replayPublishesTheScenariosTheImageCarries() throws IOException {
    JsonNode replay = compose().path("services").path("replay");
    String script = String.join("\n", textsOf(replay.path("command")));
    assertThat(script)
        .contains("/opt/tandem/scenarios/*.jsonl")
        .contains("tandem publish --envelopes");
    assertThat(dockerfile().finalStage().of("COPY"))
        .extracting(Instruction::arguments)
        .contains("streams/src/main/resources/scenarios/ /opt/tandem/scenarios/");
    try (var scenarios = Files.list(ROOT.resolve("streams/src/main/resources/scenarios"))) {
      assertThat(scenarios.filter(p -> p.toString().endsWith(".jsonl"))).isNotEmpty();
    }
  }

  @Test
  void everyLongRunningServiceHasAHealthCheck() throws IOException {
    compose()
        .path("services")
        .fields()
        .forEachRemaining(
            service -> {
              JsonNode check = service.getValue().path("healthcheck");
              if (service.getKey().equals("replay")) {
                // One-shot: it exits; the image's check of run's port means nothing to it.
                assertThat(check.path("disable").asBoolean()).isTrue();
                return;
              }
              assertThat(textsOf(check.path("test")))
                  .as("%s's health check", service.getKey())
                  .hasSizeGreaterThan(1)
                  .doesNotContain("NONE");
            });
    // Tandem's checks ask the port each command really serves on.
    JsonNode services = compose().path("services");
    for (String name : List.of("tandem", "collect")) {
      assertThat(String.join(" ", textsOf(services.path(name).path("healthcheck").path("test"))))
          .contains(":" + servedPort(services.path(name)) + "/health/ready");
    }
  }

  @Test
  void everyTandemVariableNamesARealSetting() throws IOException {
    List<String> variables = new ArrayList<>();
    compose()
        .path("services")
        .forEach(
            service ->
                env(service).keySet().stream()
                    .filter(v -> v.startsWith("TANDEM_"))
                    .forEach(variables::add));
    for (Instruction env : dockerfile().of("ENV")) {
      Matcher names = Pattern.compile("(TANDEM_\\w+)=").matcher(env.arguments());
      while (names.find()) {
        variables.add(names.group(1));
      }
    }
    assertThat(variables).contains("TANDEM_BOOTSTRAP_SERVERS", "TANDEM_STATE_DIR");
    assertThat(variables).allSatisfy(v -> assertThat(SettingNames.namesASetting(v)).as(v).isTrue());
  }

  @Test
  void theSettingCheckRefusesMisspeltNames() {
    assertThat(SettingNames.namesASetting("TANDEM_HTTP_ALLOW_ANONYMOUS")).isTrue();
    assertThat(SettingNames.namesASetting("TANDEM_HTTP_READ_TOKEN_FILE")).isTrue();
    assertThat(SettingNames.namesASetting("TANDEM_SCHEMA_REGISTRY_URL")).isTrue();
    assertThat(SettingNames.namesASetting("TANDEM_STATE_DIR")).isTrue();
    assertThat(SettingNames.namesASetting("TANDEM_HTTP_ALLOW_ANONYMUS")).isFalse();
    assertThat(SettingNames.namesASetting("TANDEM_BOOTSTRAP_SERVER")).isFalse();
    assertThat(SettingNames.namesASetting("TANDEM_")).isFalse();
  }

  @Test
  void anAnonymousApiIsPublishedOnThisMachineOnly() throws IOException {
    JsonNode services = compose().path("services");
    services
        .fields()
        .forEachRemaining(
            service -> {
              Map<String, String> env = env(service.getValue());
              boolean anonymous = "true".equals(env.get("TANDEM_HTTP_ALLOW_ANONYMOUS"));
              if ("0.0.0.0".equals(env.get("TANDEM_HTTP_HOST"))) {
                assertThat(
                        anonymous
                            || env.keySet().stream()
                                .anyMatch(v -> v.startsWith("TANDEM_HTTP_READ_")))
                    .as(
                        "%s listens beyond loopback: credentials or an explicit allow",
                        service.getKey())
                    .isTrue();
              }
              // Every published port, the API's above all, on 127.0.0.1 only.
              assertThat(textsOf(service.getValue().path("ports")))
                  .as("%s's published ports", service.getKey())
                  .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
            });
  }

  @Test
  void prometheusScrapesWhatTheServicesServe() throws IOException {
    JsonNode services = compose().path("services");
    assertThat(textsOf(services.path("prometheus").path("volumes")))
        .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    JsonNode jobs =
        YAML.readTree(DOCKER.resolve("prometheus/prometheus.yml").toFile()).path("scrape_configs");
    Map<String, String> scraped = new LinkedHashMap<>();
    for (JsonNode job : jobs) {
      assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
      for (JsonNode group : job.path("static_configs")) {
        for (String target : textsOf(group.path("targets"))) {
          URI uri = URI.create("http://" + target);
          assertThat(services.has(uri.getHost())).as("%s names a compose service", target).isTrue();
          assertThat(uri.getPort())
              .as("%s is the port %s serves", target, uri.getHost())
              .isEqualTo(servedPort(services.path(uri.getHost())));
          scraped.put(uri.getHost(), target);
        }
      }
    }
    assertThat(scraped).containsOnlyKeys("tandem", "collect");
  }

  @Test
  void grafanaProvisionsPrometheusAndTheDashboardFile() throws IOException {
    JsonNode grafana = compose().path("services").path("grafana");
    List<String> volumes = textsOf(grafana.path("volumes"));
    assertThat(volumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro");

    JsonNode sources =
        YAML.readTree(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
            .path("datasources");
    assertThat(sources).hasSize(1);
    assertThat(sources.get(0).path("type").asText()).isEqualTo("prometheus");
    assertThat(sources.get(0).path("isDefault").asBoolean())
        .as("the dashboard's datasource variable picks the default")
        .isTrue();
    URI url = URI.create(sources.get(0).path("url").asText());
    assertThat(compose().path("services").has(url.getHost())).isTrue();
    assertThat(url.getPort()).isEqualTo(9090);

    JsonNode providers =
        YAML.readTree(DOCKER.resolve("grafana/provisioning/dashboards/tandem.yml").toFile())
            .path("providers");
    assertThat(providers).hasSize(1);
    String folder = providers.get(0).path("options").path("path").asText();
    String mounted =
        volumes.stream()
            .filter(v -> v.startsWith("./grafana/tandem-dashboard.json:"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the dashboard file is mounted: " + volumes));
    String inContainer = mounted.split(":")[1];
    assertThat(inContainer).startsWith(folder + "/");
    assertThat(env(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
        .isEqualTo(inContainer);
    // The existing dashboard, asking for a Prometheus data source.
    JsonNode dashboard =
        new ObjectMapper().readTree(DOCKER.resolve("grafana/tandem-dashboard.json").toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("tandem");
    assertThat(dashboard.path("templating").path("list").findValuesAsText("query"))
        .contains("prometheus");
  }

  @Test
  void theImageBuildsTheJarAndRunsItAsAnUnprivilegedUser() throws IOException {
    DockerfileInstructions all = dockerfile();
    List<Instruction> froms = all.of("FROM");
    assertThat(froms).hasSize(2);
    assertThat(froms.get(0).arguments()).matches("maven:\\S+-eclipse-temurin-17 AS build");
    assertThat(froms.get(1).arguments()).matches("eclipse-temurin:17\\.\\S+-jre\\S*");
    assertThat(all.of("RUN"))
        .extracting(Instruction::arguments)
        .anySatisfy(
            run -> assertThat(run).contains("mvn").contains("package").contains("-DskipTests"));

    DockerfileInstructions image = all.finalStage();
    List<Instruction> users = image.of("USER");
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).arguments();
    assertThat(user).isNotIn("root", "0", "0:0");
    assertThat(image.of("HEALTHCHECK"))
        .singleElement()
        .satisfies(check -> assertThat(check.arguments()).contains("/health/ready"));
    assertThat(image.of("EXPOSE")).extracting(Instruction::arguments).containsExactly("8080");
    assertThat(image.of("ENTRYPOINT"))
        .extracting(Instruction::arguments)
        .containsExactly("[\"tandem\"]");

    // The entrypoint is the script from docker/, installed on PATH, and runs the jar the build
    // stage made, which is copied to where the script looks, Apicurio beside it for `demo`.
    List<String> copies = image.of("COPY").stream().map(Instruction::arguments).toList();
    assertThat(copies).contains("--chmod=0755 docker/entrypoint.sh /usr/local/bin/tandem");
    Path script = DOCKER.resolve("entrypoint.sh");
    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(Files.readString(script)).contains("-jar /opt/tandem/tandem.jar \"$@\"");
    assertThat(copies)
        .contains("--from=build /src/streams/target/tandem.jar /opt/tandem/tandem.jar");
    String apicurio = "apicurio-registry-" + pomProperty("apicurio.version");
    assertThat(copies)
        .contains(
            "--from=build /src/streams/target/" + apicurio + "/ /opt/tandem/" + apicurio + "/");
    // What is copied from the context exists in it (and .dockerignore lets it through).
    for (Instruction copy : all.of("COPY")) {
      String[] words = copy.arguments().split("\\s+");
      if (copy.arguments().startsWith("--from=")) {
        continue;
      }
      for (int i = 0; i < words.length - 1; i++) {
        if (!words[i].startsWith("--")) {
          assertThat(ROOT.resolve(words[i])).as("COPY %s", words[i]).exists();
        }
      }
    }
    // The state directory lies on the volume, writable by the user.
    String stateDir =
        image.of("ENV").stream()
            .map(Instruction::arguments)
            .filter(e -> e.startsWith("TANDEM_STATE_DIR="))
            .map(e -> e.substring("TANDEM_STATE_DIR=".length()))
            .findFirst()
            .orElseThrow();
    assertThat(image.of("VOLUME"))
        .singleElement()
        .satisfies(
            v -> assertThat(stateDir).startsWith(v.arguments().replaceAll("[\\[\\]\" ]", "")));
  }

  @Test
  void theBuildContextLeavesOutBuildOutputAndHistory() throws IOException {
    List<String> ignored =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignored).contains("**/target/", ".git/", "**/node_modules/");
  }

  private static JsonNode compose() throws IOException {
    return YAML.readTree(DOCKER.resolve("compose.yml").toFile());
  }

  private static DockerfileInstructions dockerfile() throws IOException {
    return DockerfileInstructions.parse(Files.readString(DOCKER.resolve("Dockerfile")));
  }

  private static String image(JsonNode service) {
    return service.path("image").asText("");
  }

  /** The tag of an image reference; empty (unpinned) when it has none. */
  private static String tagOf(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    return colon < 0 || colon < name.lastIndexOf('/') ? "" : name.substring(colon + 1);
  }

  /** A service's environment, given as a map or as a list of NAME=value. */
  private static Map<String, String> env(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else {
      for (String pair : textsOf(node)) {
        int eq = pair.indexOf('=');
        env.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    return env;
  }

  private static Map<String, String> dependsOn(JsonNode service) {
    Map<String, String> conditions = new LinkedHashMap<>();
    service
        .path("depends_on")
        .fields()
        .forEachRemaining(e -> conditions.put(e.getKey(), e.getValue().path("condition").asText()));
    return conditions;
  }

  /** The port a Tandem service serves HTTP on: its --http-port, else tandem.http.port. */
  private static int servedPort(JsonNode service) {
    List<String> command = textsOf(service.path("command"));
    int flag = command.indexOf("--http-port");
    if (flag >= 0) {
      return Integer.parseInt(command.get(flag + 1));
    }
    String configured =
        env(service).get(TandemSettings.environmentVariable(TandemSettings.HTTP_PORT));
    return configured != null
        ? Integer.parseInt(configured)
        : (Integer)
            TandemSettings.DEFINITION.configKeys().get(TandemSettings.HTTP_PORT).defaultValue;
  }

  private static List<String> textsOf(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> texts.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      texts.add(node.asText());
    }
    return texts;
  }

  private static String pomProperty(String name) throws IOException {
    Matcher value =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(value.find()).as("pom.xml declares %s", name).isTrue();
    return value.group(1).strip();
  }
}
