package dev.tandem.normalize;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A normalize processor with the shipped adapters on a mock context, its dedupe store in memory:
 * the stage as a stream task runs it, without Kafka.
 */
public final class MockNormalizeStage {

  public final MockProcessorContext<String, Normalized> context = new MockProcessorContext<>();
  public final NormalizeProcessor processor =
      new NormalizeProcessor(Normalizer.withDefaultAdapters(), Duration.ofDays(7));

  public MockNormalizeStage() {
    KeyValueStore<String, Long> seen =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(NormalizeProcessor.SEEN_STORE),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    seen.init(context.getStateStoreContext(), seen);
    context.addStateStore(seen);
    processor.init(context);
  }
}
