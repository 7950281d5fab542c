package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class TandemConfigTest {

  private static final String INSTANCE = StreamsConfig.mainConsumerPrefix("group.instance.id");

  private static Properties props(Map<String, String> settings) throws Exception {
    Map<String, String> all =
        new java.util.HashMap<>(
            Map.of("bootstrap.servers", "kafka:9092", "schema.registry.url", "http://r:8081"));
    all.putAll(settings);
    return TandemConfig.load(null, Map.of(), all).streamsProperties();
  }

  @Test
  void eachInstanceIsAStaticMemberThatKeepsItsIdAcrossRestarts() throws Exception {
    Properties first = props(Map.of("state.dir", "/var/lib/tandem/a"));
    Properties again = props(Map.of("state.dir", "/var/lib/tandem/a"));
    Properties other = props(Map.of("state.dir", "/var/lib/tandem/b"));

    assertThat(first.getProperty(INSTANCE))
        .startsWith("tandem-")
        .isEqualTo(again.getProperty(INSTANCE));
    assertThat(other.getProperty(INSTANCE))
        .as("another state directory is another instance")
        .isNotEqualTo(first.getProperty(INSTANCE));
  }

  @Test
  void theInstanceIdCanBeSetOrLeftToTheUser() throws Exception {
    assertThat(props(Map.of("tandem.instance.id", "eu-1")).getProperty(INSTANCE)).isEqualTo("eu-1");
    Properties own = props(Map.of("group.instance.id", "mine"));
    assertThat(own.getProperty(INSTANCE)).isNull();
    assertThat(own.getProperty("group.instance.id")).isEqualTo("mine");
  }

  @Test
  void theStreamsRebalanceProtocolRunsWithoutStaticMembershipWhichItRefuses() throws Exception {
    Properties streams = props(Map.of("group.protocol", "streams"));
    assertThat(streams.getProperty(INSTANCE)).isNull();
    assertThat(streams.getProperty("group.protocol")).isEqualTo("streams");
  }

  @Test
  void commitsEveryFiftyMillisecondsUnlessTold() throws Exception {
    assertThat(props(Map.of()).getProperty("commit.interval.ms")).isEqualTo("50");
    assertThat(props(Map.of("commit.interval.ms", "200")).getProperty("commit.interval.ms"))
        .isEqualTo("200");
  }
}
