package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.pipeline.RegistryOutage.Decision;
import dev.tandem.registry.SchemaRegistryException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/**
 * The decision behind a pipeline thread that died: replace it, or stop because the registry stays
 * away.
 */
class RegistryOutageTest {

  private static final String URL =
      "http://registry:8081/subjects/tandem.status.updates-value/versions";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));

  @Test
  void replacesTheThreadTwiceThenStopsOnTheThirdFailureInARow() {
    RegistryOutage outage =
        new RegistryOutage(new TandemConfig(Map.of()).registryMaxFailures(), clock);

    assertThat(outage.onFailure(asStreamsWrapsIt(unreachable()))).isEqualTo(Decision.RETRY_FIRST);
    clock.advance(Duration.ofSeconds(45));
    assertThat(outage.onFailure(asStreamsWrapsIt(unreachable()))).isEqualTo(Decision.RETRY);
    clock.advance(Duration.ofSeconds(45));
    assertThat(outage.onFailure(asStreamsWrapsIt(unreachable()))).isEqualTo(Decision.STOP);

    assertThat(outage.summary())
        .isEqualTo(
            "the schema registry at "
                + URL
                + " could not be reached (connection refused):"
                + " 3 pipeline threads failed on it over 90 s, each after the registry client's own retries (tandem.registry.max.failures=3)");
  }

  @Test
  void failuresFarApartAreSeparateOutages() {
    RegistryOutage outage = new RegistryOutage(2, clock);

    assertThat(outage.onFailure(unreachable())).isEqualTo(Decision.RETRY_FIRST);
    clock.advance(RegistryOutage.QUIET.plusSeconds(1));
    assertThat(outage.onFailure(unreachable())).isEqualTo(Decision.RETRY_FIRST);
    assertThat(outage.onFailure(unreachable())).isEqualTo(Decision.STOP);
  }

  @Test
  void aServerErrorCountsAndARefusalOrAnotherFailureDoesNot() {
    RegistryOutage outage = new RegistryOutage(1, clock);
    SchemaRegistryException notFound =
        SchemaRegistryException.rejected("GET", URL, "s", 404, 40401, "Subject not found", 1);
    SchemaRegistryException interrupted =
        SchemaRegistryException.interrupted("GET", URL, "s", new InterruptedException());

    assertThat(outage.onFailure(new SerializationException("cannot find the schema id", notFound)))
        .isEqualTo(Decision.NOT_REGISTRY);
    assertThat(outage.onFailure(interrupted)).isEqualTo(Decision.NOT_REGISTRY);
    assertThat(outage.onFailure(new IllegalStateException("a bug")))
        .isEqualTo(Decision.NOT_REGISTRY);
    assertThat(outage.failures()).isZero();

    SchemaRegistryException unavailable =
        SchemaRegistryException.rejected("POST", URL, "s", 503, 50001, "store down", 4);
    assertThat(outage.onFailure(asStreamsWrapsIt(unavailable))).isEqualTo(Decision.STOP);
    assertThat(outage.summary())
        .startsWith(
            "the schema registry at "
                + URL
                + " could not be reached (HTTP 503): 1 pipeline thread failed on it,");
  }

  @Test
  void refusesAMaximumBelowOne() {
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.registry.max.failures", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.registry.max.failures");
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.registry.max.failures", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value many for configuration tandem.registry.max.failures: Not a number of"
                + " type INT");
    assertThatThrownBy(() -> new RegistryOutage(0, clock))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.registry.max.failures");
  }

  private static SchemaRegistryException unreachable() {
    return SchemaRegistryException.unreachable(
        "POST", URL, "tandem.status.updates-value", 4, new ConnectException());
  }

  /** What reaches the uncaught exception handler: the registry failure under two layers. */
  private static Throwable asStreamsWrapsIt(SchemaRegistryException e) {
    return new StreamsException(
        "Exception caught in process",
        new StreamsException(
            "Unable to serialize record",
            new SerializationException("Cannot find the schema id", e)));
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
