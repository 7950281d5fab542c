package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Tandem's contracts come back from the specific serde exactly as they went in. */
class ContractRoundTripTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void statusUpdateSurvivesTheRoundTripWithInstantsNullsAndNestedComponents() {
    StatusUpdate update = ContractSamples.statusUpdate();

    StatusUpdate back = roundTrip(StatusUpdate.class, "tandem.status.updates", update);

    assertThat(back).isEqualTo(update);
    assertThat(back.getStartedAt()).isInstanceOf(Instant.class).isEqualTo(ContractSamples.STARTED);
    assertThat(back.getSource()).isNull();
    assertThat(back.getComponents().get(1).getId()).isNull();
  }

  @Test
  void incidentSurvivesTheRoundTripWithOptionalTimestampsAndDurations() {
    Incident incident = ContractSamples.incident();

    Incident back = roundTrip(Incident.class, "tandem.incidents", incident);

    assertThat(back).isEqualTo(incident);
    assertThat(back.getResolvedAt()).isEqualTo(ContractSamples.RESOLVED);
    assertThat(back.getMonitoringAt()).isNull();
    assertThat(back.getTimeToMitigateMillis()).isNull();
  }

  @Test
  void correlatedOutageSurvivesTheRoundTripWithMembersAndSuspectedCause() {
    CorrelatedOutage outage = ContractSamples.correlatedOutage();

    CorrelatedOutage back = roundTrip(CorrelatedOutage.class, "tandem.outages", outage);

    assertThat(back).isEqualTo(outage).hasSameHashCodeAs(outage);
    assertThat(outage).isEqualTo(back);
    assertThat(back.getMembers().get(0).getResolvedAt()).isEqualTo(ContractSamples.RESOLVED);
    assertThat(back.getSuspectedCause().getReason()).isEqualTo("declared upstream of openai");
  }

  @Test
  void nullValuesAndTombstonesStayNull() {
    SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class, registry);

    assertThat(serde.serializer().serialize("tandem.status.updates", null)).isNull();
    assertThat(serde.deserializer().deserialize("tandem.status.updates", null)).isNull();
    assertThat(serde.deserializer().deserialize("tandem.status.updates", new byte[0])).isNull();
  }

  @Test
  void injectedClientNeedsNoRegistryUrl() {
    SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class, registry);

    serde.configure(Map.of("auto.register.schemas", "true"), false);

    assertThat(
            serde
                .deserializer()
                .deserialize(
                    "t", serde.serializer().serialize("t", ContractSamples.statusUpdate())))
        .isEqualTo(ContractSamples.statusUpdate());
  }

  @Test
  void serdeWithoutInjectedClientRequiresTheRegistryUrl() {
    SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class);

    assertThatThrownBy(() -> serde.configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void serdeWithoutInjectedClientTalksToTheConfiguredRegistryUnderItsBasePath() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
    try (SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class)) {
      serde.configure(
          Map.of("schema.registry.url", url, "schema.registry.max.retries", "0"), false);

      assertThatThrownBy(
              () ->
                  serde
                      .serializer()
                      .serialize("tandem.status.updates", ContractSamples.statusUpdate()))
          .isExactlyInstanceOf(SerializationException.class)
          .hasMessageContaining(
              url + "/subjects/tandem.status.updates-value/versions is unreachable");
    }
  }

  private <T extends SpecificRecord> T roundTrip(Class<T> type, String topic, T value) {
    try (SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, registry)) {
      serde.configure(Map.of(), false);
      byte[] bytes = serde.serializer().serialize(topic, value);
      return serde.deserializer().deserialize(topic, bytes);
    }
  }
}
