package dev.tandem.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.serde.SpecificAvroDeserializer;
import dev.tandem.serde.SpecificAvroSerializer;
import dev.tandem.serde.WireFormat;
import dev.tandem.testing.KafkaStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our registry client and Avro serdes against Confluent's official JavaScript client, through a
 * real registry.
 */
@ExtendWith(KafkaStack.class)
class ConfluentNodeInteropTest {

  // Surefire runs in the module directory; `npm ci` installs here during generate-test-resources.
  private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
  private static final long NODE_TIMEOUT_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Instant STARTED = Instant.parse("2025-12-02T19:40:00Z");
  private static final Instant UPDATED = Instant.parse("2025-12-02T20:05:30.123Z");

  // Every kind of field the contract uses: strings, enums, an array of records, null and non-null
  // unions, timestamps.
  private static final StatusUpdate UPDATE =
      StatusUpdate.newBuilder()
          .setProvider("openai")
          .setIncidentId("inc-1")
          .setUpdateId("u-2")
          .setTitle("Elevated errors – API")
          .setStatus(IncidentStatus.IDENTIFIED)
          .setImpact(Impact.MAJOR)
          .setComponents(
              List.of(
                  AffectedComponent.newBuilder()
                      .setId("698866f0c3")
                      .setName("API")
                      .setStatus(ComponentStatus.PARTIAL_OUTAGE)
                      .build(),
                  AffectedComponent.newBuilder()
                      .setId(null)
                      .setName("Edge/CDN")
                      .setStatus(ComponentStatus.DEGRADED_PERFORMANCE)
                      .build()))
          .setBody("We have identified the issue.")
          .setStartedAt(STARTED)
          .setUpdatedAt(UPDATED)
          .setSource(null)
          .setFormat("statuspage")
          .build();

  // The same record as the JSON the Confluent JS serializer takes: plain union values, enum
  // symbols, epoch millis.
  private static final String UPDATE_JSON =
      """
      {"provider": "openai", "incidentId": "inc-1", "updateId": "u-2", "title": "Elevated errors – API",
       "status": "IDENTIFIED", "impact": "MAJOR",
       "components": [{"id": "698866f0c3", "name": "API", "status": "PARTIAL_OUTAGE"},
                      {"id": null, "name": "Edge/CDN", "status": "DEGRADED_PERFORMANCE"}],
       "body": "We have identified the issue.",
       "startedAt": %d, "updatedAt": %d, "source": null, "format": "statuspage"}
      """
          .formatted(STARTED.toEpochMilli(), UPDATED.toEpochMilli());

  @TempDir Path dir;

  private Map<String, String> config;
  private RestSchemaRegistryClient client;

  @BeforeAll
  static void confluentClientIsInstalled() {
    // Fail, never skip: without the package this test would prove nothing.
    assertThat(NODE_DIR.resolve("node_modules/@confluentinc/schemaregistry/package.json"))
        .as("Confluent's JS client; run `mvn -pl streams generate-test-resources` (npm ci) first")
        .exists();
  }

  @BeforeEach
  void connect() {
    config = Map.of("schema.registry.url", KafkaStack.registryUrl());
    client = RestSchemaRegistryClient.fromConfigs(config);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void confluentsDeserializerReadsWhatOurSerializerWrites() throws Exception {
    byte[] bytes;
    try (SpecificAvroSerializer<StatusUpdate> serializer = new SpecificAvroSerializer<>()) {
      serializer.configure(config, false);
      bytes = serializer.serialize("interop-java", UPDATE);
    }
    Path in = Files.write(dir.resolve("java.bin"), bytes);

    JsonNode decoded =
        JSON.readTree(
            node(
                "decode",
                "--registry",
                KafkaStack.registryUrl(),
                "--topic",
                "interop-java",
                "--in",
                in.toString()));

    assertThat(decoded.get("provider").asText()).isEqualTo("openai");
    assertThat(decoded.get("incidentId").asText()).isEqualTo("inc-1");
    assertThat(decoded.get("updateId").asText()).isEqualTo("u-2");
    assertThat(decoded.get("title").asText()).isEqualTo("Elevated errors – API");
    assertThat(decoded.get("status").asText()).isEqualTo("IDENTIFIED");
    assertThat(decoded.get("impact").asText()).isEqualTo("MAJOR");
    assertThat(decoded.get("components")).hasSize(2);
    assertThat(decoded.get("components").get(0).toString())
        .isEqualTo("{\"id\":\"698866f0c3\",\"name\":\"API\",\"status\":\"PARTIAL_OUTAGE\"}");
    assertThat(decoded.get("components").get(1).toString())
        .isEqualTo("{\"id\":null,\"name\":\"Edge/CDN\",\"status\":\"DEGRADED_PERFORMANCE\"}");
    assertThat(decoded.get("body").asText()).isEqualTo("We have identified the issue.");
    assertThat(decoded.get("startedAt").asLong()).isEqualTo(STARTED.toEpochMilli());
    assertThat(decoded.get("updatedAt").asLong()).isEqualTo(UPDATED.toEpochMilli());
    assertThat(decoded.get("source").isNull()).isTrue();
    assertThat(decoded.get("format").asText()).isEqualTo("statuspage");
  }

  @Test
  void ourDeserializerReadsWhatConfluentsSerializerWritesByteForByte() throws Exception {
    Path schema =
        Files.writeString(
            dir.resolve("StatusUpdate.avsc"), StatusUpdate.getClassSchema().toString());
    Path record = Files.writeString(dir.resolve("update.json"), UPDATE_JSON);
    Path out = dir.resolve("node.bin");

    JsonNode reply =
        JSON.readTree(
            node(
                "encode",
                "--registry",
                KafkaStack.registryUrl(),
                "--topic",
                "interop-node",
                "--schema",
                schema.toString(),
                "--json",
                record.toString(),
                "--out",
                out.toString()));
    byte[] bytes = Files.readAllBytes(out);

    int registeredId = client.getLatest("interop-node-value").id();
    assertThat(reply.get("id").asInt()).isEqualTo(registeredId);
    assertThat(bytes[0]).as("magic byte").isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt())
        .as("big-endian schema id")
        .isEqualTo(registeredId);
    try (SpecificAvroDeserializer<StatusUpdate> deserializer =
            new SpecificAvroDeserializer<>(StatusUpdate.class);
        SpecificAvroSerializer<StatusUpdate> serializer = new SpecificAvroSerializer<>()) {
      deserializer.configure(config, false);
      serializer.configure(config, false);
      assertThat(deserializer.deserialize("interop-node", bytes)).isEqualTo(UPDATE);
      // Same schema text, so the same id: then the whole frame, header and body, must match ours.
      assertThat(serializer.serialize("interop-node", UPDATE)).isEqualTo(bytes);
    }
    assertThat(WireFormat.parse(bytes).schemaId()).isEqualTo(registeredId);
  }

  // Both clients send the schema text as given and Apicurio does not canonicalize it: the same
  // schema
  // pretty-printed gets a new id (and a new version under an existing subject), even with
  // normalize=true.
  // So the guarantee is for the compact Schema.toString() form, which ours and Confluent's Java
  // serializer register.
  @Test
  void theSameSchemaRegisteredFromEitherSideGetsTheSameId() throws Exception {
    int ours = client.register("interop-same-java-value", StatusUpdate.getClassSchema());
    Path schema =
        Files.writeString(
            dir.resolve("StatusUpdate.avsc"), StatusUpdate.getClassSchema().toString());

    JsonNode theirs =
        JSON.readTree(
            node(
                "register",
                "--registry",
                KafkaStack.registryUrl(),
                "--subject",
                "interop-same-node-value",
                "--schema",
                schema.toString()));

    assertThat(theirs.get("id").asInt()).isEqualTo(ours);
    assertThat(client.lookUpId("interop-same-node-value", StatusUpdate.getClassSchema()))
        .isEqualTo(ours);
  }

  /**
   * Runs interop.mjs with node from PATH and returns its stdout, failing with its stderr on a
   * non-zero exit.
   */
  private String node(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("node", NODE_DIR.resolve("interop.mjs").toString()));
    command.addAll(List.of(args));
    // Files rather than pipes, so a chatty child can never block on a full pipe buffer.
    Path stdout = Files.createTempFile(dir, "node", ".out");
    Path stderr = Files.createTempFile(dir, "node", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(NODE_DIR.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "node "
              + String.join(" ", args)
              + " did not finish within "
              + NODE_TIMEOUT_SECONDS
              + " s");
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("node %s failed: %s", args[0], err.strip()).isZero();
    return out;
  }
}
