package dev.tandem.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tandem.registry.StubRegistry.Answer;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A registry that stays away costs two log lines, not one per retry: a warning at its first
 * failure, DEBUG for the rest, and one line when it answers again. And which failures count as
 * "unavailable".
 */
class RegistryOutageLoggingTest {

  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              """
            {"type": "record", "name": "Thing", "namespace": "dev.tandem.test",
             "fields": [{"name": "id", "type": "string"}]}""");

  private final Logger logger = (Logger) LoggerFactory.getLogger(RegistryTransport.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
  }

  @Test
  void warnsOnceForAnOutageAndSaysWhenTheRegistryAnswersAgain() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (StubRegistry stub =
            StubRegistry.answering(
                request ->
                    calls.incrementAndGet() <= 8
                        ? new Answer(
                            503, "{\"error_code\": 50001, \"message\": \"store unavailable\"}")
                        : Answer.json("{\"id\": 7}"));
        RestSchemaRegistryClient client =
            RestSchemaRegistryClient.fromConfigs(
                Map.of(
                    "schema.registry.url",
                    stub.url("/apis/ccompat/v7"),
                    "schema.registry.max.retries",
                    3,
                    "schema.registry.retry.backoff.ms",
                    1))) {

      // Two requests fail after 4 attempts each; the third is answered.
      assertThatThrownBy(() -> client.register("a-value", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class);
      assertThatThrownBy(() -> client.register("a-value", SCHEMA))
          .isInstanceOf(SchemaRegistryException.class);
      assertThat(client.register("a-value", SCHEMA)).isEqualTo(7);
    }

    assertThat(messages(Level.WARN))
        .singleElement()
        .asString()
        .contains("failed with HTTP 503 (attempt 1 of 4)")
        .endsWith("further failures are logged at DEBUG until it answers again");
    assertThat(messages(Level.DEBUG)).hasSize(5);
    assertThat(messages(Level.INFO))
        .singleElement()
        .asString()
        .matches(
            "Schema Registry http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7 answers again, after 8 failed attempts over \\d+ s");
  }

  @Test
  void unavailableMeansNoAnswerOrAServerErrorNeverARefusal() {
    String url = "http://registry:8081/subjects/a-value/versions";
    SchemaRegistryException refused =
        SchemaRegistryException.unreachable("POST", url, "a-value", 4, new ConnectException());
    SchemaRegistryException busy =
        SchemaRegistryException.rejected("POST", url, "a-value", 503, 50001, "down", 4);
    SchemaRegistryException notFound =
        SchemaRegistryException.rejected("GET", url, "a-value", 404, 40401, "no", 1);
    SchemaRegistryException interrupted =
        SchemaRegistryException.interrupted("GET", url, "a-value", new InterruptedException());

    assertThat(List.of(refused, busy, notFound, interrupted))
        .extracting(SchemaRegistryException::unavailable)
        .containsExactly(true, true, false, false);
    assertThat(
            SchemaRegistryException.unavailableIn(
                new RuntimeException("wrapped", new RuntimeException(refused))))
        .containsSame(refused);
    assertThat(SchemaRegistryException.unavailableIn(new RuntimeException(notFound))).isEmpty();
  }

  private List<String> messages(Level level) {
    return appender.list.stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
