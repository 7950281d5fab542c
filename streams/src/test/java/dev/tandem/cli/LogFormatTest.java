package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code --log-format json}: one JSON object per log line on stderr, before or after a command. */
class LogFormatTest {

  /** The root's appenders and their encoders as configured, restored after each test. */
  private final Map<OutputStreamAppender<ILoggingEvent>, Encoder<ILoggingEvent>> configured =
      new LinkedHashMap<>();

  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void rememberTheConfiguredFormat() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .iteratorForAppenders()
        .forEachRemaining(
            a -> {
              if (a instanceof OutputStreamAppender<ILoggingEvent> appender) {
                configured.put(appender, appender.getEncoder());
              }
            });
    assertThat(configured).as("console appenders of the logging configuration").isNotEmpty();
    stdout = System.out;
    stderr = System.err;
  }

  @AfterEach
  void restoreIt() {
    System.setOut(stdout);
    System.setErr(stderr);
    configured.forEach(
        (appender, encoder) -> {
          appender.stop();
          appender.setEncoder(encoder);
          appender.start();
        });
  }

  @Test
  void jsonGivenBeforeTheCommandMakesEachLogLineAJsonObject() throws Exception {
    assertJsonLogs("--log-format", "json", "simulate", "--help");
  }

  @Test
  void jsonGivenAfterTheCommandToo() throws Exception {
    assertJsonLogs("simulate", "--log-format=json", "--help");
  }

  @Test
  void anUnknownFormatIsOneLineAndAUsageExitCode() {
    StringWriter err = new StringWriter();
    CommandLine cli = TandemCommand.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));

    int code = cli.execute("--log-format", "xml", "simulate", "--help");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).doesNotContain("\n").contains("--log-format");
  }

  private void assertJsonLogs(String... args) throws Exception {
    CommandLine cli = TandemCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    assertThat(cli.execute(args)).isZero();
    // The console appender writes to the stream it targets at each line (stderr for the
    // application, stdout in the tests' logging configuration): catch both.
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream catching = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(catching);
    System.setErr(catching);

    LoggerFactory.getLogger("dev.tandem.cli.LogFormatTest").warn("disk {} full", "almost");
    LoggerFactory.getLogger("dev.tandem.cli.LogFormatTest").warn("second line");

    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("level").asText()).isEqualTo("WARN");
    assertThat(first.get("loggerName").asText()).isEqualTo("dev.tandem.cli.LogFormatTest");
    assertThat(first.get("formattedMessage").asText()).isEqualTo("disk almost full");
    assertThat(new ObjectMapper().readTree(lines.get(1)).get("formattedMessage").asText())
        .isEqualTo("second line");
  }
}
