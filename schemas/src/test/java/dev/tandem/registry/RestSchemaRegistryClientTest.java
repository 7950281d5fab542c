package dev.tandem.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.registry.StubRegistry.Answer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP behaviour of the REST client against a local stub: paths, headers, retries, errors and
 * caching.
 */
class RestSchemaRegistryClientTest {

  private static final String BASE_PATH = "/apis/ccompat/v7";
  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
            {"type": "record", "name": "Thing", "namespace": "dev.tandem.test",
             "fields": [{"name": "id", "type": "string"}]}""");
  private static final String SCHEMA_REPLY = "{\"schema\": " + quoted(SCHEMA.toString()) + "}";

  private StubRegistry stub;
  private RestSchemaRegistryClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void registersUnderTheBasePathOfTheUrl() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json("{\"id\": 42}"));
    client = client(Map.of());

    int id = client.register("orders-value", SCHEMA);

    assertThat(id).isEqualTo(42);
    StubRegistry.Exchange request = stub.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo(BASE_PATH + "/subjects/orders-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(new ObjectMapper().readTree(request.body()).get("schema").asText())
        .isEqualTo(SCHEMA.toString());
  }

  @Test
  void encodesTheSubjectAsASinglePathSegment() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json("{\"id\": 1}"));
    client = client(Map.of());

    client.lookUpId("odd/subject name?", SCHEMA);

    assertThat(stub.only().path()).isEqualTo(BASE_PATH + "/subjects/odd%2Fsubject%20name%3F");
  }

  @Test
  void sendsBasicAuthFromUserInfo() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json(SCHEMA_REPLY));
    client =
        client(
            Map.of(
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "alice:s3cret"));

    client.getById(1);

    assertThat(stub.only().authorization()).isEqualTo("Basic YWxpY2U6czNjcmV0");
  }

  @Test
  void sendsBasicAuthFromTheUrlUserInfo() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json(SCHEMA_REPLY));
    client =
        RestSchemaRegistryClient.fromConfigs(
            Map.of(
                "schema.registry.url",
                stub.url(BASE_PATH).replace("http://", "http://alice:s3cret@")));

    client.getById(1);

    assertThat(stub.only().authorization()).isEqualTo("Basic YWxpY2U6czNjcmV0");
    assertThat(stub.only().path()).isEqualTo(BASE_PATH + "/schemas/ids/1");
  }

  @Test
  void sendsABearerToken() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json(SCHEMA_REPLY));
    client =
        client(
            Map.of("bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "t0ken"));

    client.getById(1);

    assertThat(stub.only().authorization()).isEqualTo("Bearer t0ken");
  }

  @Test
  void retriesServerErrorsAndSucceeds() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    stub =
        StubRegistry.answering(
            request ->
                calls.incrementAndGet() <= 2
                    ? new Answer(500, "{\"error_code\": 50001, \"message\": \"store unavailable\"}")
                    : Answer.json("{\"id\": 7}"));
    client = client(Map.of());

    assertThat(client.register("orders-value", SCHEMA)).isEqualTo(7);
    assertThat(stub.exchanges()).hasSize(3);
  }

  @Test
  void retriesTooManyRequests() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    stub =
        StubRegistry.answering(
            request ->
                calls.incrementAndGet() == 1
                    ? new Answer(429, "")
                    : Answer.json("{\"is_compatible\": true}"));
    client = client(Map.of());

    assertThat(client.isCompatible("orders-value", SCHEMA)).isTrue();
    assertThat(stub.exchanges()).hasSize(2);
  }

  @Test
  void givesUpAfterMaxRetriesPlusOneAttempts() throws IOException {
    stub =
        StubRegistry.answering(
            request -> new Answer(503, "{\"error_code\": 50001, \"message\": \"down\"}"));
    client = client(Map.of("schema.registry.max.retries", 3));
    long start = System.nanoTime();

    assertThatThrownBy(() -> client.register("orders-value", SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(503);
              assertThat(e.errorCode()).isEqualTo(50001);
              assertThat(e.getMessage()).contains("HTTP 503 after 4 attempts");
            });
    assertThat(stub.exchanges()).hasSize(4);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void neverRetriesClientErrorsAndReportsTheRegistrysErrorCode() throws IOException {
    stub =
        StubRegistry.answering(
            request ->
                new Answer(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}"));
    client = client(Map.of());

    assertThatThrownBy(() -> client.getLatest("x"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40401);
              assertThat(e.registryMessage()).isEqualTo("Subject 'x' not found.");
              assertThat(e.url()).isEqualTo(stub.url(BASE_PATH) + "/subjects/x/versions/latest");
              assertThat(e.subject()).isEqualTo("x");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Schema Registry rejected GET "
                          + e.url()
                          + " (subject 'x'): HTTP 404, error code 40401: Subject 'x' not found.");
            });
    assertThat(stub.exchanges()).hasSize(1);
  }

  @Test
  void quotesTheStartOfABodyThatIsNotARegistryError() throws IOException {
    String page = "<html><body>" + "Bad gateway ".repeat(40) + "</body></html>";
    stub = StubRegistry.answering(request -> new Answer(502, page));
    client = client(Map.of("schema.registry.max.retries", 0));

    assertThatThrownBy(() -> client.getById(3))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(502);
              assertThat(e.errorCode()).isEqualTo(-1);
              assertThat(e.subject()).isNull();
              assertThat(e.getMessage())
                  .contains("HTTP 502, body: <html><body>Bad gateway")
                  .contains(page.substring(0, 200))
                  .doesNotContain(page.substring(0, 201));
            });
  }

  @Test
  void reportsAnUnreachableRegistryAfterBoundedRetries() throws IOException {
    String url = "http://127.0.0.1:" + closedPort() + BASE_PATH;
    client =
        RestSchemaRegistryClient.fromConfigs(
            Map.of(
                "schema.registry.url",
                url,
                "schema.registry.max.retries",
                2,
                "schema.registry.retry.backoff.ms",
                1));
    long start = System.nanoTime();

    assertThatThrownBy(() -> client.register("orders-value", SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(-1);
              assertThat(e.url()).isEqualTo(url + "/subjects/orders-value/versions");
              assertThat(e.getMessage())
                  .startsWith(
                      "Schema Registry at "
                          + url
                          + "/subjects/orders-value/versions is unreachable after 3 attempts");
              assertThat(e).hasCauseInstanceOf(ConnectException.class);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void timesOutASilentRegistry() throws IOException {
    stub =
        StubRegistry.answering(
            request -> {
              sleep(Duration.ofSeconds(2));
              return Answer.json("{\"id\": 1}");
            });
    client =
        client(Map.of("schema.registry.request.timeout.ms", 150, "schema.registry.max.retries", 1));

    assertThatThrownBy(() -> client.register("orders-value", SCHEMA))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("unreachable after 2 attempts")
        .hasCauseInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void failsOverToTheNextUrlWhenTheFirstIsUnreachable() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json("{\"id\": 9}"));
    client =
        RestSchemaRegistryClient.fromConfigs(
            Map.of(
                "schema.registry.url",
                "http://127.0.0.1:" + closedPort() + "," + stub.url(BASE_PATH),
                "schema.registry.retry.backoff.ms",
                1));

    assertThat(client.register("orders-value", SCHEMA)).isEqualTo(9);
    assertThat(client.lookUpId("other-value", SCHEMA)).isEqualTo(9);
    assertThat(stub.exchanges()).hasSize(2);
  }

  @Test
  void fetchesASchemaByIdOnlyOnce() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json(SCHEMA_REPLY));
    client = client(Map.of());

    Schema first = client.getById(5);
    Schema second = client.getById(5);

    assertThat(first).isEqualTo(SCHEMA).isSameAs(second);
    assertThat(stub.exchanges()).hasSize(1);
  }

  @Test
  void remembersRegisteredIdsAndTheirSchemas() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json("{\"id\": 11}"));
    client = client(Map.of());

    client.register("orders-value", SCHEMA);
    client.register("orders-value", SCHEMA);
    client.lookUpId("orders-value", SCHEMA);

    assertThat(client.getById(11)).isEqualTo(SCHEMA);
    assertThat(stub.exchanges()).hasSize(1);
  }

  @Test
  void readsTheLatestVersionOfASubject() throws IOException {
    stub =
        StubRegistry.answering(
            request ->
                Answer.json(
                    "{\"subject\": \"orders-value\", \"version\": 3, "
                        + "\"id\": 12, \"schema\": "
                        + quoted(SCHEMA.toString())
                        + "}"));
    client = client(Map.of());

    assertThat(client.getLatest("orders-value"))
        .isEqualTo(new RegisteredSchema("orders-value", 3, 12, SCHEMA));
    assertThat(stub.only().path()).isEqualTo(BASE_PATH + "/subjects/orders-value/versions/latest");
  }

  @Test
  void asksForCompatibilityAgainstTheLatestVersion() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json("{\"is_compatible\": false}"));
    client = client(Map.of());

    assertThat(client.isCompatible("orders-value", SCHEMA)).isFalse();
    assertThat(stub.only().method()).isEqualTo("POST");
    assertThat(stub.only().path())
        .isEqualTo(BASE_PATH + "/compatibility/subjects/orders-value/versions/latest");
  }

  @Test
  void setsGlobalAndSubjectCompatibility() throws IOException {
    stub = StubRegistry.answering(request -> Answer.json(request.body()));
    client = client(Map.of());

    client.setCompatibility(null, CompatibilityLevel.FULL);
    client.setCompatibility("orders-value", CompatibilityLevel.BACKWARD_TRANSITIVE);

    assertThat(stub.exchanges())
        .extracting(
            StubRegistry.Exchange::method, StubRegistry.Exchange::path, StubRegistry.Exchange::body)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PUT", BASE_PATH + "/config", "{\"compatibility\":\"FULL\"}"),
            org.assertj.core.groups.Tuple.tuple(
                "PUT",
                BASE_PATH + "/config/orders-value",
                "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}"));
  }

  @Test
  void readsCompatibilityInEitherSpellingAndFallsBackToTheGlobalLevel() throws IOException {
    Map<String, Answer> answers = new HashMap<>();
    answers.put(BASE_PATH + "/config", Answer.json("{\"compatibilityLevel\": \"FORWARD\"}"));
    answers.put(BASE_PATH + "/config/a-value", Answer.json("{\"compatibility\": \"NONE\"}"));
    answers.put(
        BASE_PATH + "/config/b-value",
        new Answer(
            404,
            "{\"error_code\": 40408, \"message\": \"Subject 'b-value' does not have subject-level compatibility configured\"}"));
    stub = StubRegistry.answering(request -> answers.get(request.path()));
    client = client(Map.of());

    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(client.getCompatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.getCompatibility("b-value")).isEqualTo(CompatibilityLevel.FORWARD);
  }

  @Test
  void refusesASchemaThatIsNotAvro() throws IOException {
    stub =
        StubRegistry.answering(
            request ->
                Answer.json(
                    "{\"schemaType\": \"PROTOBUF\", \"schema\": \"syntax = \\\"proto3\\\";\"}"));
    client = client(Map.of());

    assertThatThrownBy(() -> client.getById(4))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("PROTOBUF, not AVRO");
  }

  private RestSchemaRegistryClient client(Map<String, Object> extra) {
    Map<String, Object> configs = new HashMap<>(extra);
    configs.put("schema.registry.url", stub.url(BASE_PATH));
    configs.putIfAbsent("schema.registry.retry.backoff.ms", 1);
    return RestSchemaRegistryClient.fromConfigs(configs);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String quoted(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
