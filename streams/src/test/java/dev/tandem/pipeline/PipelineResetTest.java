package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parts of a reset that need no broker: where the local state is, and how the resetter's
 * failures read.
 */
class PipelineResetTest {

  @Test
  void theLocalStateIsTheApplicationsDirectoryInsideTheStateDir() {
    TandemConfig config = new TandemConfig(Map.of("state.dir", "/var/lib/tandem/../tandem-state"));

    assertThat(PipelineReset.localStateDirectory(config, "tandem"))
        .isEqualTo(Path.of("/var/lib/tandem-state/tandem"));
  }

  @Test
  void withoutAStateDirItIsKafkaStreamsDefault() {
    Path local = PipelineReset.localStateDirectory(new TandemConfig(Map.of()), "tandem");

    assertThat(local)
        .isEqualTo(
            Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams", "tandem")
                .toAbsolutePath()
                .normalize());
  }

  @Test
  void theResettersErrorBecomesItsMessageAlone() {
    String said =
        """
        Reset-offsets for input topics [tandem.status.raw]
        ERROR: java.lang.IllegalStateException: Consumer group 'tandem' is still active and has following members: [].
        java.lang.IllegalStateException: Consumer group 'tandem' is still active and has following members: [].
        \tat org.apache.kafka.tools.StreamsResetter.maybeDeleteActiveConsumers(StreamsResetter.java:190)
        """;

    assertThat(PipelineReset.errorLine(said))
        .isEqualTo("Consumer group 'tandem' is still active and has following members: [].");
  }

  @Test
  void withoutAnErrorLineTheLastThingTheResetterSaidIsTheReason() {
    assertThat(
            PipelineReset.errorLine(
                "Following input topics are not found, skipping them\nTopic: tandem.status.raw\n"))
        .isEqualTo("Topic: tandem.status.raw");
  }
}
