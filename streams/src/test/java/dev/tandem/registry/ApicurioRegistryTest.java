package dev.tandem.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.serde.GenericAvroSerializer;
import dev.tandem.serde.SpecificAvroDeserializer;
import dev.tandem.serde.SpecificAvroSerde;
import dev.tandem.serde.WireFormat;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TopicRecords;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our Confluent-protocol client and serdes against a real registry: the run's own (KafkaStack),
 * Apicurio's /apis/ccompat/v7 on the in-process broker, or Confluent Schema Registry itself where
 * the tests run on containers; every assertion is the Confluent protocol's (409 on an incompatible
 * schema, error codes 40401 and 40403), which both serve.
 */
@ExtendWith(KafkaStack.class)
class ApicurioRegistryTest {

  private static final Schema V1 =
      SchemaBuilder.record("Reading")
          .namespace("dev.tandem.test")
          .fields()
          .requiredString("sensor")
          .requiredInt("value")
          .endRecord();
  private static final Schema V2_WITH_DEFAULT =
      SchemaBuilder.record("Reading")
          .namespace("dev.tandem.test")
          .fields()
          .requiredString("sensor")
          .requiredInt("value")
          .name("unit")
          .type()
          .stringType()
          .stringDefault("celsius")
          .endRecord();
  private static final Schema V2_WITHOUT_DEFAULT =
      SchemaBuilder.record("Reading")
          .namespace("dev.tandem.test")
          .fields()
          .requiredString("sensor")
          .requiredInt("value")
          .requiredString("unit")
          .endRecord();

  private SchemaRegistryClient client;
  private String subject;

  @BeforeEach
  void connect(TestInfo test) {
    client =
        RestSchemaRegistryClient.fromConfigs(
            Map.of("schema.registry.url", KafkaStack.registryUrl()));
    subject = "it-" + test.getTestMethod().orElseThrow().getName() + "-value";
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void registersLooksUpAndFetchesById() {
    int id = client.register(subject, V1);

    assertThat(client.register(subject, V1)).as("same schema, same id").isEqualTo(id);
    assertThat(
            RestSchemaRegistryClient.fromConfigs(
                    Map.of("schema.registry.url", KafkaStack.registryUrl()))
                .lookUpId(subject, V1))
        .isEqualTo(id);
    assertThat(client.getById(id)).isEqualTo(V1);
    RegisteredSchema latest = client.getLatest(subject);
    assertThat(latest.id()).isEqualTo(id);
    assertThat(latest.version()).isEqualTo(1);
    assertThat(latest.schema()).isEqualTo(V1);
  }

  @Test
  void checksBackwardCompatibilityAndRejectsAnIncompatibleSchemaWith409() {
    client.register(subject, V1);
    client.setCompatibility(subject, CompatibilityLevel.BACKWARD);

    assertThat(client.getCompatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.isCompatible(subject, V2_WITH_DEFAULT)).isTrue();
    assertThat(client.isCompatible(subject, V2_WITHOUT_DEFAULT)).isFalse();
    assertThatThrownBy(() -> client.register(subject, V2_WITHOUT_DEFAULT))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.subject()).isEqualTo(subject);
              assertThat(e.url()).startsWith(KafkaStack.registryUrl() + "/subjects/");
              assertThat(e.getMessage()).contains("409").contains(subject);
            });
    assertThat(client.register(subject, V2_WITH_DEFAULT)).isPositive();
    assertThat(client.getLatest(subject).version()).isEqualTo(2);
  }

  @Test
  void anUnknownSubjectOrIdIsA404WithTheRegistrysOwnErrorCode() {
    assertThatThrownBy(() -> client.getLatest("it-no-such-subject-value"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40401);
              assertThat(e.getMessage()).contains("it-no-such-subject-value");
            });
    assertThatThrownBy(() -> client.getById(987_654))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
            });
  }

  @Test
  void aRegistryThatIsDownGivesAClearErrorAfterBoundedRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
    SchemaRegistryClient down =
        RestSchemaRegistryClient.fromConfigs(
            Map.of(
                "schema.registry.url",
                url,
                "schema.registry.max.retries",
                "2",
                "schema.registry.retry.backoff.ms",
                "20"));
    long start = System.nanoTime();

    assertThatThrownBy(() -> down.register(subject, V1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(-1);
              assertThat(e.getMessage()).contains(url).contains("unreachable after 3 attempts");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void serdesWriteTheConfluentFrameThroughARealTopic() throws Exception {
    String topic = "it-status-updates";
    TopicRecords.create(topic);
    StatusUpdate update =
        StatusUpdate.newBuilder()
            .setProvider("openai")
            .setIncidentId("inc-1")
            .setUpdateId("u-1")
            .setTitle("Elevated errors")
            .setStatus(IncidentStatus.INVESTIGATING)
            .setImpact(Impact.MAJOR)
            .setComponents(
                List.of(
                    AffectedComponent.newBuilder()
                        .setId("698866f0c3")
                        .setName("API")
                        .setStatus(ComponentStatus.PARTIAL_OUTAGE)
                        .build()))
            .setStartedAt(Instant.parse("2025-12-02T19:40:00Z"))
            .setUpdatedAt(Instant.parse("2025-12-02T19:40:00Z"))
            .build();
    Map<String, String> config = Map.of("schema.registry.url", KafkaStack.registryUrl());

    try (SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class)) {
      serde.configure(config, false);
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
      try (KafkaProducer<String, StatusUpdate> producer =
          new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
        producer.send(new ProducerRecord<>(topic, "openai", update)).get();
      }
      List<ConsumerRecord<String, byte[]>> read = TopicRecords.read(topic, 1);
      assertThat(read).as("records on " + topic).hasSize(1);
      ConsumerRecord<String, byte[]> raw = read.get(0);
      WireFormat.Framed frame = WireFormat.parse(raw.value());
      assertThat(raw.value()[0]).isZero();
      assertThat(client.getLatest(topic + "-value").id()).isEqualTo(frame.schemaId());
      assertThat(client.getById(frame.schemaId())).isEqualTo(StatusUpdate.getClassSchema());
      assertThat(serde.deserializer().deserialize(topic, raw.value())).isEqualTo(update);
    }
  }

  @Test
  void aReaderOnTheOldSchemaReadsDataWrittenWithANewerOne() {
    String topic = "it-evolution";
    Schema newer =
        SchemaBuilder.record("StatusUpdate")
            .namespace("dev.tandem.contract")
            .fields()
            .requiredString("provider")
            .requiredString("incidentId")
            .requiredString("updateId")
            .requiredString("title")
            .name("startedAt")
            .type(StatusUpdate.getClassSchema().getField("startedAt").schema())
            .noDefault()
            .name("updatedAt")
            .type(StatusUpdate.getClassSchema().getField("updatedAt").schema())
            .noDefault()
            .name("region")
            .type()
            .stringType()
            .stringDefault("global")
            .endRecord();
    GenericRecord written = new GenericData.Record(newer);
    written.put("provider", "gcp");
    written.put("incidentId", "g-1");
    written.put("updateId", "g-1-a");
    written.put("title", "Multiple services impacted");
    written.put("startedAt", Instant.parse("2025-06-12T17:51:00Z").toEpochMilli());
    written.put("updatedAt", Instant.parse("2025-06-12T18:10:00Z").toEpochMilli());
    written.put("region", "us-central1");
    Map<String, String> config = Map.of("schema.registry.url", KafkaStack.registryUrl());

    try (GenericAvroSerializer writer = new GenericAvroSerializer();
        SpecificAvroDeserializer<StatusUpdate> reader =
            new SpecificAvroDeserializer<>(StatusUpdate.class)) {
      writer.configure(config, false);
      reader.configure(config, false);
      StatusUpdate read = reader.deserialize(topic, writer.serialize(topic, written));

      assertThat(read.getProvider()).isEqualTo("gcp");
      assertThat(read.getUpdatedAt()).isEqualTo(Instant.parse("2025-06-12T18:10:00Z"));
      assertThat(read.getStatus())
          .as("field absent from the writer takes its default")
          .isEqualTo(IncidentStatus.UNKNOWN);
      assertThat(read.getComponents()).isEmpty();
    }
  }
}
