package dev.tandem.pipeline;

import dev.tandem.contract.Incident;
import dev.tandem.demo.LiveOutputs;
import dev.tandem.demo.ScenarioReplay;
import dev.tandem.raw.RawStatus;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.serde.SpecificAvroDeserializer;
import dev.tandem.testing.KafkaStack;
import java.time.Duration;
import java.util.List;

/**
 * Raw records replayed into a pipeline running on the {@link KafkaStack}, as the demo replays its
 * scenarios ({@link ScenarioReplay}): published, waited for, and what the pipeline concluded read
 * back.
 */
public final class PipelineReplay {

  /** A replay fails only when the pipeline commits nothing new for this long. */
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

  private PipelineReplay() {}

  public static LiveOutputs replay(TandemConfig config, TandemApp app, List<RawStatus> records)
      throws Exception {
    try (SchemaRegistryClient client =
            RestSchemaRegistryClient.fromConfigs(config.registryConfig());
        SpecificAvroDeserializer<Incident> incidents =
            new SpecificAvroDeserializer<>(Incident.class, client)) {
      incidents.configure(config.registryConfig(), false);
      return new ScenarioReplay(
              config.required("bootstrap.servers"), config.topics(), app.applicationId(), incidents)
          .replay(records, STALL_TIMEOUT, change -> {});
    }
  }
}
