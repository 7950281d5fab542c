package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any secret setting can name a file instead ({@code X.file}), as a mounted Docker or Kubernetes
 * secret is: set in a settings file or as {@code TANDEM_…_FILE}; never the secret in a message.
 */
class SecretFilesTest {

  @TempDir Path dir;

  @Test
  void aSecretIsReadFromTheFileItsFileSettingNames() throws Exception {
    Path secret = Files.writeString(dir.resolve("admin-token"), "from-a-file\n");

    TandemConfig fromSetting =
        new TandemConfig(Map.of("tandem.http.admin.token.file", secret.toString()));
    TandemConfig fromEnvironment =
        TandemConfig.load(
            null, Map.of("TANDEM_HTTP_ADMIN_TOKEN_FILE", secret.toString()), Map.of());

    assertThat(fromSetting.secret(TandemSettings.HTTP_ADMIN_TOKEN)).isEqualTo("from-a-file");
    assertThat(fromEnvironment.secret(TandemSettings.HTTP_ADMIN_TOKEN)).isEqualTo("from-a-file");
    assertThat(TandemSettings.keyOf("TANDEM_WEBHOOK_TOKEN_FILE"))
        .contains("tandem.webhook.token.file");
  }

  @Test
  void onlySecretSettingsHaveFileTwins() {
    assertThatThrownBy(() -> new TandemConfig(Map.of("tandem.http.port.file", "/x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown Tandem setting 'tandem.http.port.file'");
  }

  @Test
  void aMissingEmptyOrDoubledSecretIsOneLineWithoutTheSecret() throws Exception {
    assertThatThrownBy(
            () ->
                new TandemConfig(
                    Map.of("tandem.http.read.token.file", dir.resolve("nope").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tandem.http.read.token.file: no such file: " + dir.resolve("nope"));
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(
            () -> new TandemConfig(Map.of("tandem.http.read.token.file", empty.toString())))
        .hasMessage("tandem.http.read.token.file: " + empty + " is empty");
    Path secret = Files.writeString(dir.resolve("token"), "hunter2");
    assertThatThrownBy(
            () ->
                new TandemConfig(
                    Map.of(
                        "tandem.http.read.token",
                        "hunter3",
                        "tandem.http.read.token.file",
                        secret.toString())))
        .hasMessage(
            "Both 'tandem.http.read.token' and 'tandem.http.read.token.file' are set; set one of"
                + " them")
        .hasMessageNotContaining("hunter");
  }
}
