package dev.tandem.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.pipeline.TandemConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Who the API lets in, and where it listens, from the settings. */
class HttpAccessTest {

  private static final Map<String, String> CREDENTIALS =
      Map.of(
          "tandem.http.read.token", "reader-token",
          "tandem.http.admin.token", "admin-token",
          "tandem.http.read.basic", "viewer:viewer-pass",
          "tandem.http.admin.basic", "ops:ops-pass");

  @Test
  void eachCredentialGrantsItsRoleAndNothingElseGrantsAny() {
    HttpAccess access = HttpAccess.from(new TandemConfig(CREDENTIALS));

    assertThat(access.required()).isTrue();
    assertThat(access.roleOf("Bearer reader-token")).contains(HttpAccess.Role.READ);
    assertThat(access.roleOf("bearer admin-token")).contains(HttpAccess.Role.ADMIN);
    assertThat(access.roleOf(basic("viewer:viewer-pass"))).contains(HttpAccess.Role.READ);
    assertThat(access.roleOf(basic("ops:ops-pass"))).contains(HttpAccess.Role.ADMIN);

    assertThat(access.roleOf(null)).isEmpty();
    assertThat(access.roleOf("Bearer reader-token2")).isEmpty();
    assertThat(access.roleOf("Bearer ")).isEmpty();
    assertThat(access.roleOf("Basic not-base64!")).isEmpty();
    assertThat(access.roleOf(basic("viewer:wrong"))).isEmpty();
    // A token sent as a password, or a user:password sent as a token, is neither.
    assertThat(access.roleOf(basic("reader-token"))).isEmpty();
    assertThat(access.roleOf("Bearer ops:ops-pass")).isEmpty();
    assertThat(HttpAccess.Role.ADMIN.includes(HttpAccess.Role.READ)).isTrue();
    assertThat(HttpAccess.Role.READ.includes(HttpAccess.Role.ADMIN)).isFalse();
    assertThat(access.challenge()).startsWith("Basic realm=\"tandem\"");
  }

  @Test
  void withoutCredentialsTheApiIsOpenAndListensOnLoopbackOnly() {
    TandemConfig none = new TandemConfig(Map.of());
    HttpAccess open = HttpAccess.from(none);

    assertThat(open.required()).isFalse();
    assertThat(open.roleOf(null)).contains(HttpAccess.Role.ADMIN);
    assertThat(open.listenHost(none)).isEqualTo("127.0.0.1");
    assertThat(open.listenHost(new TandemConfig(Map.of("tandem.http.host", "localhost"))))
        .isEqualTo("localhost");

    TandemConfig everywhere = new TandemConfig(Map.of("tandem.http.host", "0.0.0.0"));
    assertThatThrownBy(() -> open.listenHost(everywhere))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "tandem.http.host=0.0.0.0 would serve the API beyond this machine without credentials");
    TandemConfig acknowledged =
        new TandemConfig(
            Map.of("tandem.http.host", "0.0.0.0", "tandem.http.allow.anonymous", "true"));
    assertThat(HttpAccess.from(acknowledged).listenHost(acknowledged)).isEqualTo("0.0.0.0");
  }

  @Test
  void withCredentialsItListensEverywhereUnlessTold() {
    TandemConfig config = new TandemConfig(Map.of("tandem.http.read.token", "t"));
    assertThat(HttpAccess.from(config).listenHost(config)).isEqualTo("0.0.0.0");
    TandemConfig local =
        new TandemConfig(Map.of("tandem.http.read.token", "t", "tandem.http.host", "127.0.0.1"));
    assertThat(HttpAccess.from(local).listenHost(local)).isEqualTo("127.0.0.1");
  }

  @Test
  void aBasicCredentialWithoutUserAndPasswordIsOneLineWithoutTheSecret() {
    TandemConfig config = new TandemConfig(Map.of("tandem.http.admin.basic", "justapassword"));
    assertThatThrownBy(() -> HttpAccess.from(config))
        .hasMessage("tandem.http.admin.basic must be user:password (both not empty)")
        .hasMessageNotContaining("justapassword");
  }

  @Test
  void theSettingsViewHidesEverySecret() {
    var view =
        SettingsView.render(
            Map.of(
                "tandem.http.admin.token", "admin-token",
                "tandem.http.read.token.file", "/run/secrets/read",
                "tandem.correlate.window.ms", "600000",
                "sasl.jaas.config", "org.apache...ScramLoginModule required password=\"x\";",
                "ssl.truststore.password", "changeit",
                "basic.auth.user.info", "u:p",
                "bootstrap.servers", "kafka:9092",
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer"));

    assertThat(view.toString())
        .doesNotContain("admin-token", "changeit", "u:p", "password=\\\"x\\\"")
        .contains("kafka:9092", "600000", "StringSerializer");
    assertThat(view.get("tandem").get("tandem.http.admin.token").asText())
        .isEqualTo(SettingsView.HIDDEN);
    assertThat(view.get("kafka").get("sasl.jaas.config").asText()).isEqualTo(SettingsView.HIDDEN);
  }

  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }
}
