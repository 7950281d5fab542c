package dev.tandem.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.StatusUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One serde instance serves many Kafka Streams threads, caches what it fetched and closes only what
 * it built.
 */
class SharedSerdeTest {

  private final RecordingRegistryClient client = new RecordingRegistryClient();

  @Test
  void deserializerFetchesEachWriterSchemaOnlyOnce() {
    SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class, client);
    byte[] bytes = serde.serializer().serialize("t", ContractSamples.statusUpdate());

    for (int i = 0; i < 3; i++) {
      serde.deserializer().deserialize("t", bytes);
    }

    assertThat(client.getByIdCalls).hasValue(1);
  }

  @Test
  void closingTheSerdeLeavesAnInjectedClientOpen() {
    SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class, client);
    serde.configure(Map.of(), false);

    serde.serializer().close();
    serde.close();

    assertThat(client.closeCalls).hasValue(0);
  }

  @Test
  void concurrentRoundTripsThroughOneSerdeAllSucceed() throws Exception {
    SpecificAvroSerde<StatusUpdate> serde = new SpecificAvroSerde<>(StatusUpdate.class, client);
    serde.configure(Map.of(), false);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        String topic = "topic-" + (task % 3);
        results.add(
            threads.submit(
                () -> {
                  StatusUpdate update = ContractSamples.statusUpdate();
                  for (int i = 0; i < 200; i++) {
                    update.setUpdateId("u-" + i);
                    if (!serde
                        .deserializer()
                        .deserialize(topic, serde.serializer().serialize(topic, update))
                        .equals(update)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(20, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(client.registry.getLatest("topic-0-value").version()).isEqualTo(1);
  }
}
