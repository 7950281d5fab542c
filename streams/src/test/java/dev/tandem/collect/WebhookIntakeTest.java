package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.raw.RawStatus;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.LogCapture;
import dev.tandem.testing.TopicRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaStack.class)
class WebhookIntakeTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void publishesAStatuspageWebhookAndAnswers202OnceKafkaHasIt() throws Exception {
    String topic = "webhook-statuspage";
    TopicRecords.create(topic);
    Properties kafka = new Properties();
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KafkaStack.bootstrapServers());
    byte[] body = FixtureServer.fixture("statuspage/datadog-incident-webhook-2017-08-08.json");
    try (RawStatusPublisher publisher = new RawStatusPublisher(kafka, topic);
        WebhookIntake intake =
            new WebhookIntake("127.0.0.1", 0, null, r -> publisher.publishAll(List.of(r)), CLOCK)) {

      HttpResponse<String> response = post(intake, "/webhooks/datadog", body, null);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      assertThat(response.body()).isEqualTo("accepted as statuspage\n");
    }
    List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(topic, 1);
    assertThat(records)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo("datadog");
              assertThat(record.value()).isEqualTo(body);
              assertThat(TopicRecords.header(record, RawStatus.FORMAT_HEADER))
                  .isEqualTo("statuspage");
              assertThat(TopicRecords.header(record, RawStatus.SOURCE_HEADER)).isEqualTo("webhook");
              assertThat(TopicRecords.header(record, RawStatus.RECEIVED_AT_HEADER))
                  .isEqualTo("2026-03-02T10:00:00Z");
            });
  }

  @Test
  void refusesBadProviderIdsEmptyAndNonJsonBodiesWithOneLineReasons() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    try (WebhookIntake intake = new WebhookIntake("127.0.0.1", 0, null, published::add, CLOCK)) {
      HttpResponse<String> badProvider =
          post(intake, "/webhooks/GitHub", "{\"incident\":{}}".getBytes(), null);
      HttpResponse<String> nested =
          post(intake, "/webhooks/github/extra", "{\"incident\":{}}".getBytes(), null);
      HttpResponse<String> empty = post(intake, "/webhooks/github", new byte[0], null);
      HttpResponse<String> notJson =
          post(intake, "/webhooks/github", "<html>hello</html>".getBytes(), null);
      HttpResponse<String> badFormat =
          post(intake, "/webhooks/github?format=xml", "{}".getBytes(), null);

      assertThat(List.of(badProvider, nested, empty, notJson, badFormat))
          .allSatisfy(
              r -> {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body().strip()).doesNotContain("\n");
              });
      assertThat(badProvider.body())
          .contains("provider id must be a lower-case slug")
          .contains("'GitHub'");
      assertThat(empty.body()).startsWith("empty body");
      assertThat(notJson.body()).startsWith("body is not JSON");
      assertThat(badFormat.body()).startsWith("format must be one of");
      assertThat(published).isEmpty();
    }
  }

  @Test
  void refusesBodiesOverOneMebibyte() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    try (WebhookIntake intake = new WebhookIntake("127.0.0.1", 0, null, published::add, CLOCK)) {
      byte[] huge = new byte[WebhookIntake.MAX_BODY_BYTES + 10];
      java.util.Arrays.fill(huge, (byte) ' ');

      HttpResponse<String> response = post(intake, "/webhooks/github", huge, null);

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(published).isEmpty();
    }
  }

  @Test
  void checksTheSharedSecretWhenOneIsConfigured() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    byte[] body = FixtureServer.fixture("statuspage/atlassian-docs-component-webhook.json");
    try (WebhookIntake intake =
        new WebhookIntake("127.0.0.1", 0, "s3cret", published::add, CLOCK)) {
      assertThat(post(intake, "/webhooks/github", body, null).statusCode()).isEqualTo(401);
      assertThat(post(intake, "/webhooks/github", body, "wrong").statusCode()).isEqualTo(401);
      assertThat(post(intake, "/webhooks/github", body, "s3cret").statusCode()).isEqualTo(202);
    }
    assertThat(published)
        .singleElement()
        .satisfies(r -> assertThat(r.format()).isEqualTo("statuspage"));
  }

  @Test
  void acceptsTheSecretInTheUrlAsAStatuspageSubscriptionSendsIt() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    byte[] body = FixtureServer.fixture("statuspage/atlassian-docs-component-webhook.json");
    try (LogCapture logs = LogCapture.of(WebhookIntake.class);
        WebhookIntake intake =
            new WebhookIntake("127.0.0.1", 0, "s3cret-in-url", published::add, CLOCK)) {
      HttpResponse<String> wrong = post(intake, "/webhooks/github?token=s3cret", body, null);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("s3cret");
      assertThat(post(intake, "/webhooks/github?token=s3cret-in-url", body, null).statusCode())
          .isEqualTo(202);
      // Percent-encoded as a subscription form may store it.
      assertThat(
              post(intake, "/webhooks/github?format=statuspage&token=s3cret%2Din%2Durl", body, null)
                  .statusCode())
          .isEqualTo(202);
      assertThat(logs.events()).noneMatch(e -> e.getFormattedMessage().contains("s3cret"));
    }
    assertThat(published).hasSize(2);
  }

  @Test
  void aSignedProviderNeedsAValidFreshStandardWebhooksSignature() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    // As incident.io shows a Svix endpoint's secret: whsec_ and base64.
    String secret =
        "whsec_"
            + java.util.Base64.getEncoder()
                .encodeToString("incident-io-signing-key-0123456789".getBytes());
    WebhookSignature signature = WebhookSignature.ofSecret(secret);
    byte[] body = FixtureServer.fixture("incidentio/openai-proxy-summary-2025-12-02.json");
    long now = CLOCK.instant().getEpochSecond();
    try (WebhookIntake intake =
        new WebhookIntake(
            "127.0.0.1",
            0,
            "token-for-others",
            WebhookSignature.perProvider("openai=" + secret),
            published::add,
            CLOCK)) {
      assertThat(signed(intake, body, "msg_1", now, signature.sign("msg_1", now, body), "webhook"))
          .isEqualTo(202);
      assertThat(
              signed(
                  intake, body, "msg_2", now - 10, signature.sign("msg_2", now - 10, body), "svix"))
          .as("Svix's own header names")
          .isEqualTo(202);
      byte[] other = "{\"summary\":{}}".getBytes();
      assertThat(signed(intake, other, "msg_3", now, signature.sign("msg_3", now, body), "webhook"))
          .as("a signature of another body")
          .isEqualTo(401);
      long stale = now - 6 * 60;
      assertThat(
              signed(intake, body, "msg_4", stale, signature.sign("msg_4", stale, body), "webhook"))
          .as("older than five minutes: a replay")
          .isEqualTo(401);
      assertThat(post(intake, "/webhooks/openai?token=token-for-others", body, null).statusCode())
          .as("a signed provider is not let in by the shared token")
          .isEqualTo(401);
      assertThat(post(intake, "/webhooks/github?token=token-for-others", body, null).statusCode())
          .as("other providers still use the token")
          .isEqualTo(202);
    }
    assertThat(published)
        .extracting(RawStatus::provider)
        .containsExactly("openai", "openai", "github");
  }

  @Test
  void aSigningSecretThatIsNotWhsecBase64IsOneLineWithoutTheSecret() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookSignature.perProvider("openai=whsec_not base64!"))
        .hasMessage(
            "tandem.webhook.signing.secrets: openai: a signing secret must be whsec_ followed by"
                + " base64, as the vendor shows it");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WebhookSignature.perProvider("whsec_abc"))
        .hasMessageContaining("entry 1 must be provider=whsec_")
        .hasMessageNotContaining("abc");
  }

  private int signed(
      WebhookIntake intake, byte[] body, String id, long seconds, byte[] mac, String prefix)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + "/webhooks/openai"))
            .header("Content-Type", "application/json")
            .header(prefix + "-id", id)
            .header(prefix + "-timestamp", Long.toString(seconds))
            .header(
                prefix + "-signature",
                "v1,bm90LXRoaXMtb25l v1," + java.util.Base64.getEncoder().encodeToString(mac))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void takesTheFormatFromTheQueryOrDetectsIt() throws Exception {
    List<RawStatus> published = new CopyOnWriteArrayList<>();
    try (WebhookIntake intake = new WebhookIntake("127.0.0.1", 0, null, published::add, CLOCK)) {
      post(
          intake,
          "/webhooks/openai",
          FixtureServer.fixture("incidentio/openai-proxy-summary-2025-12-02.json"),
          null);
      post(
          intake,
          "/webhooks/github",
          FixtureServer.fixture("statuspage/atlassian-docs-component-webhook.json"),
          null);
      post(
          intake,
          "/webhooks/acme",
          "{\"provider\":\"acme\",\"status\":\"investigating\"}".getBytes(),
          null);
      post(intake, "/webhooks/acme?format=statuspage", "{\"anything\":1}".getBytes(), null);
      assertThat(post(intake, "/webhooks/acme", "{}".getBytes(), null).statusCode()).isEqualTo(202);
    }
    assertThat(published)
        .extracting(RawStatus::format)
        .containsExactly("incidentio", "statuspage", "tandem", "statuspage", "tandem");
  }

  @Test
  void detectsIncidentIoIncidentsApartFromStatuspageIncidents() throws Exception {
    ObjectMapper json = new ObjectMapper();

    assertThat(
            WebhookIntake.detect(
                json.readTree("{\"incident\":{\"id\":\"x\",\"incident_updates\":[]}}")))
        .isEqualTo("statuspage");
    assertThat(
            WebhookIntake.detect(
                json.readTree(
                    "{\"incident\":{\"id\":\"x\",\"updates\":[],\"status_page_id\":\"p\"}}")))
        .isEqualTo("incidentio");
    assertThat(WebhookIntake.detect(json.readTree("{\"component_update\":{}}")))
        .isEqualTo("statuspage");
  }

  private HttpResponse<String> post(WebhookIntake intake, String path, byte[] body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header(WebhookIntake.TOKEN_HEADER, token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
