package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.correlate.CorrelationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tandem's settings: declared once, read from a file, the environment and flags, each checked. */
class TandemSettingsTest {

  @TempDir Path dir;

  @Test
  void withNothingSetEveryDefaultIsTheDeclaredOne() {
    TandemConfig config = new TandemConfig(Map.of());

    assertThat(config.correlation()).isEqualTo(CorrelationSettings.DEFAULTS);
    assertThat(config.topics()).isEqualTo(TandemTopics.DEFAULTS);
    assertThat(config.topicPartitions()).isEqualTo(3);
    assertThat(config.topicReplicationFactor()).isEqualTo((short) -1);
    assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.registryMaxFailures()).isEqualTo(3);
    assertThat(config.webhookToken()).isNull();
  }

  @Test
  void everySettingHasAnEnvironmentVariableThatSetsIt() {
    for (String key : TandemSettings.DEFINITION.names()) {
      String variable = TandemSettings.environmentVariable(key);
      assertThat(TandemSettings.keyOf(variable)).as(variable).contains(key);
    }
    assertThat(TandemSettings.keyOf("TANDEM_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
    assertThat(TandemSettings.keyOf("TANDEM_JAVA_OPTS")).as("the launcher's").isEmpty();
    assertThat(TandemSettings.keyOf("PATH")).isEmpty();
  }

  @Test
  void theEnvironmentOverridesTheFileAndFlagsOverrideBoth() throws IOException {
    Path file = dir.resolve("tandem.properties");
    Files.writeString(
        file,
        "tandem.topic.raw=from.file\n"
            + "tandem.correlate.window.ms=600000\n"
            + "tandem.correlate.min.providers=3\n");

    TandemConfig config =
        TandemConfig.load(
            file,
            Map.of(
                "TANDEM_CORRELATE_WINDOW_MS", "900000",
                "TANDEM_TOPIC_RAW", "from.environment",
                "TANDEM_BOOTSTRAP_SERVERS", "kafka:9092",
                "TANDEM_WEBHOOK_TOKEN", "s3cret",
                "HOME", "/root"),
            Map.of("tandem.topic.raw", "from.flag"));

    assertThat(config.topics().raw()).isEqualTo("from.flag");
    assertThat(config.correlation().window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.correlation().minProviders()).isEqualTo(3);
    assertThat(config.values()).containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(config.webhookToken()).isEqualTo("s3cret");
    assertThat(config.clientProperties())
        .containsEntry("bootstrap.servers", "kafka:9092")
        .doesNotContainKeys("tandem.topic.raw", "tandem.webhook.token", "home");
  }

  @Test
  void aMisspeltSettingIsRefusedNotIgnored() {
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.correlate.windw.ms", "60000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Unknown Tandem setting 'tandem.correlate.windw.ms'; the settings are listed in"
                + " README.md, Settings");
  }

  @Test
  void aValueOutsideItsRangeIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.correlate.min.confidence", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.correlate.min.confidence")
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.correlate.window.ms", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value soon for configuration tandem.correlate.window.ms: Not a number of type"
                + " LONG");
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.topic.replication.factor", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected -1 or at least 1");
  }

  @Test
  void settingsThatContradictEachOtherAreRefused() {
    TandemConfig config =
        new TandemConfig(
            Map.of(
                "tandem.correlate.window.ms", "7200000",
                "tandem.correlate.dependency.window.ms", "3600000"));

    assertThatThrownBy(config::correlation)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid tandem.correlate.* settings: dependencyWindow");
  }

  @Test
  void aBlankValueMeansTheDefault() {
    assertThat(new TandemConfig(Map.of("tandem.topic.raw", " ")).topics().raw())
        .isEqualTo("tandem.status.raw");
  }
}
