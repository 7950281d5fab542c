package dev.tandem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.pipeline.TandemConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tandem.notify.*: read from file, environment and flags; every mistake one line, no secret. */
class NotifySettingsTest {

  private static final String SLACK_URL =
      "https://hooks.slack.com/services/T0000/B0000/s3cr3tT0k3n";

  @Test
  void readsEveryTypeWithFiltersAndDefaults() throws Exception {
    NotifySettings settings =
        read(
            pairs(
                "tandem.notify.targets", "hooks, chat,pager,am",
                "tandem.notify.hooks.type", "webhook",
                "tandem.notify.hooks.url", "http://127.0.0.1:9000/outages",
                "tandem.notify.chat.type", "slack",
                "tandem.notify.chat.url", SLACK_URL,
                "tandem.notify.chat.min.confidence", "0.9",
                "tandem.notify.chat.providers", "aws, fastly",
                "tandem.notify.pager.type", "pagerduty",
                "tandem.notify.pager.routing.key", "R0UT1NGKEY",
                "tandem.notify.am.type", "alertmanager",
                "tandem.notify.am.url", "http://karma:8080/alerts"));

    assertThat(settings.targets())
        .extracting(NotifyTarget::name)
        .containsExactly("hooks", "chat", "pager", "am");
    NotifyTarget chat = settings.targets().get(1);
    assertThat(chat.type()).isEqualTo(TargetType.SLACK);
    assertThat(chat.minConfidence()).isEqualTo(0.9);
    assertThat(chat.providers()).isEqualTo(Set.of("aws", "fastly"));
    assertThat(chat.shown()).isEqualTo("chat (slack, https://hooks.slack.com/…)");
    NotifyTarget pager = settings.targets().get(2);
    assertThat(pager.url().reveal()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
    assertThat(pager.routingKey().reveal()).isEqualTo("R0UT1NGKEY");
    assertThat(settings.targets().get(0).minConfidence()).isZero();
    assertThat(settings.targets().get(0).providers()).isEmpty();
    assertThat(settings.backoff().base().toMillis()).isEqualTo(500);
  }

  @Test
  void noTargetsIsNone() throws Exception {
    assertThat(read(Map.of()).none()).isTrue();
  }

  @Test
  void environmentVariablesSetATargetsKeys() throws Exception {
    TandemConfig config =
        TandemConfig.load(
            null,
            Map.of(
                "TANDEM_NOTIFY_TARGETS", "pd",
                "TANDEM_NOTIFY_PD_TYPE", "pagerduty",
                "TANDEM_NOTIFY_PD_ROUTING_KEY", "R0UT1NGKEY",
                "TANDEM_NOTIFY_DASHBOARD_URL", "https://tandem.example.com"),
            Map.of());

    NotifySettings settings = NotifySettings.read(config);

    assertThat(settings.targets().get(0).routingKey().reveal()).isEqualTo("R0UT1NGKEY");
    assertThat(settings.dashboard().outage("x")).isEqualTo("https://tandem.example.com/#outage=x");
  }

  @Test
  void aSecretComesFromAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("slack-url"), SLACK_URL + "\n");

    NotifySettings settings =
        read(
            Map.of(
                "tandem.notify.targets", "chat",
                "tandem.notify.chat.type", "slack",
                "tandem.notify.chat.url.file", file.toString()));

    assertThat(settings.targets().get(0).url().reveal()).isEqualTo(SLACK_URL);
  }

  @Test
  void anUnknownKeyOfATargetIsOneLineNamingIt() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "tandem.notify.targets", "chat",
                        "tandem.notify.chat.type", "slack",
                        "tandem.notify.chat.url", SLACK_URL,
                        "tandem.notify.chat.min.confidense", "0.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Unknown Tandem setting 'tandem.notify.chat.min.confidense'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aKeyOfATargetNotListedIsOneLine() {
    assertThatThrownBy(
            () -> read(Map.of("tandem.notify.targets", "", "tandem.notify.chat.type", "slack")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'tandem.notify.chat.type'")
        .hasMessageContaining("'chat' is no target listed in tandem.notify.targets");
  }

  @Test
  void aBadTypeIsOneLine() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "tandem.notify.targets", "x",
                        "tandem.notify.x.type", "email",
                        "tandem.notify.x.url", "http://h/")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "tandem.notify.x.type: 'email' is no target type; expected webhook, slack, pagerduty,"
                + " alertmanager");
  }

  @Test
  void aBadConfidenceIsOneLine() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "tandem.notify.targets", "x",
                        "tandem.notify.x.type", "webhook",
                        "tandem.notify.x.url", "http://h/",
                        "tandem.notify.x.min.confidence", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tandem.notify.x.min.confidence: '1.5' is not a number between 0 and 1");
  }

  @Test
  void aBadNameAMissingUrlOrRoutingKeyAreOneLineEach() {
    assertThatThrownBy(() -> read(Map.of("tandem.notify.targets", "On_Call")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target name 'On_Call' must be");
    assertThatThrownBy(
            () -> read(Map.of("tandem.notify.targets", "x", "tandem.notify.x.type", "slack")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Missing required configuration 'tandem.notify.x.url'");
    assertThatThrownBy(
            () -> read(Map.of("tandem.notify.targets", "x", "tandem.notify.x.type", "pagerduty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Missing required configuration 'tandem.notify.x.routing.key'");
  }

  @Test
  void aBadSecretUrlIsRefusedWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "tandem.notify.targets", "x",
                        "tandem.notify.x.type", "slack",
                        "tandem.notify.x.url", "hooks.slack.com/services/s3cr3tT0k3n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tandem.notify.x.url: expected an http:// or https:// URL")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aSecretNeverShowsInATargetsText() throws Exception {
    NotifyTarget chat =
        read(Map.of(
                "tandem.notify.targets", "chat",
                "tandem.notify.chat.type", "slack",
                "tandem.notify.chat.url", SLACK_URL))
            .targets()
            .get(0);

    assertThat(chat.toString()).doesNotContain("s3cr3t");
    assertThat(chat.url().scrub("failed: " + SLACK_URL)).isEqualTo("failed: [hidden]");
  }

  private static Map<String, String> pairs(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static NotifySettings read(Map<String, String> values) throws Exception {
    return NotifySettings.read(TandemConfig.load(null, Map.of(), new HashMap<>(values)));
  }
}
