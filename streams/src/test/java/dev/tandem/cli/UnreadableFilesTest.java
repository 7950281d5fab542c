package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a command reads, given a binary or malformed one: one line on stderr naming the file
 * and the problem, exit code 1, no stack trace, and nothing contacted (the brokers here do not
 * exist).
 */
class UnreadableFilesTest {

  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13
  };
  private static final String ENVELOPE =
      "{\"provider\":\"a\",\"receivedAt\":\"2024-01-01T00:00:00Z\",\"payload\":{}}";

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> eachFileACommandReads() throws IOException {
    String brokers = "127.0.0.1:" + closedPort();
    String registry = "http://127.0.0.1:" + closedPort();
    Path png = write("image.png", PNG);
    String notUtf8 = png + ": not UTF-8 text (invalid byte 0x89 at line 1, offset 0)";
    Path lines = write("updates.jsonl", ("{\"provider\":\"a\"}\n").getBytes());
    Path malformedEnvelopes = write("envelopes.jsonl", (ENVELOPE + "\n[1,2]\n").getBytes());
    Path notYaml = write("dependencies.yaml", "dependencies: [unclosed\n".getBytes());
    Path noProviders = write("providers.yaml", "providers: 5\n".getBytes());
    Path badProperties = write("tandem.properties", "tandem.topic.raw=\\u12\n".getBytes());
    Path binaryScenarios = Files.createDirectories(dir.resolve("binary"));
    Files.write(binaryScenarios.resolve("a.jsonl"), PNG);
    Path malformedScenarios = Files.createDirectories(dir.resolve("malformed"));
    Files.writeString(malformedScenarios.resolve("b.jsonl"), ENVELOPE + "\n{\"provider\":\"b\"}\n");
    Path binaryExpected = Files.createDirectories(dir.resolve("expected"));
    Files.writeString(binaryExpected.resolve("c.jsonl"), ENVELOPE + "\n");
    Files.write(binaryExpected.resolve("c.expected.json"), PNG);

    List<DynamicTest> tests = new ArrayList<>();
    add(
        tests,
        "publish --envelopes of a binary file",
        notUtf8,
        "publish",
        "--bootstrap-servers",
        brokers,
        "--envelopes",
        png.toString());
    add(
        tests,
        "publish --whole of a binary file",
        notUtf8,
        "publish",
        "--bootstrap-servers",
        brokers,
        "--whole",
        "--provider",
        "github",
        png.toString());
    add(
        tests,
        "publish of a binary file",
        notUtf8,
        "publish",
        "--bootstrap-servers",
        brokers,
        png.toString());
    add(
        tests,
        "publish --envelopes of a line that is not an envelope",
        malformedEnvelopes + " line 2: not a JSON object",
        "publish",
        "--bootstrap-servers",
        brokers,
        "--envelopes",
        malformedEnvelopes.toString());
    add(
        tests,
        "publish --config of a binary file",
        notUtf8,
        "publish",
        "--bootstrap-servers",
        brokers,
        "--config",
        png.toString(),
        lines.toString());
    add(
        tests,
        "run --dependencies of a binary file",
        notUtf8,
        "run",
        "--bootstrap-servers",
        brokers,
        "--schema-registry-url",
        registry,
        "--dependencies",
        png.toString(),
        "--state-dir",
        dir.resolve("state").toString());
    add(
        tests,
        "evaluate --dependencies of a binary file",
        notUtf8,
        "evaluate",
        "--dependencies",
        png.toString());
    add(
        tests,
        "explain --dependencies of a binary file",
        notUtf8,
        "explain",
        "openai",
        "2024-12-11T23:30:00Z",
        "--dependencies",
        png.toString());
    add(
        tests,
        "evaluate --dependencies of a file that is not YAML",
        notYaml
            + ": not valid YAML: line 2, column 1: expected ',' or ']', but got <stream end> (while parsing a flow sequence)",
        "evaluate",
        "--dependencies",
        notYaml.toString());
    add(
        tests,
        "collect --providers of a binary file",
        notUtf8,
        "collect",
        "--bootstrap-servers",
        brokers,
        "--providers",
        png.toString());
    add(
        tests,
        "collect --providers of a file without providers",
        noProviders + " needs a 'providers:' list or a 'watch:' list of the bundled catalog's ids",
        "collect",
        "--bootstrap-servers",
        brokers,
        "--providers",
        noProviders.toString());
    add(tests, "run --config of a binary file", notUtf8, "run", "--config", png.toString());
    add(
        tests,
        "run --config of a file that is not properties",
        badProperties + ": not a properties file (Malformed \\uxxxx encoding.)",
        "run",
        "--config",
        badProperties.toString());
    add(tests, "reset --config of a binary file", notUtf8, "reset", "--config", png.toString());
    add(
        tests,
        "evaluate of a binary scenario",
        binaryScenarios.resolve("a.jsonl")
            + ": not UTF-8 text (invalid byte 0x89 at line 1, offset 0)",
        "evaluate",
        binaryScenarios.toString());
    add(
        tests,
        "evaluate of a scenario line that is not an envelope",
        malformedScenarios.resolve("b.jsonl") + " line 2: missing field 'receivedAt'",
        "evaluate",
        malformedScenarios.toString());
    add(
        tests,
        "evaluate of a binary expected file",
        binaryExpected.resolve("c.expected.json")
            + ": not UTF-8 text (invalid byte 0x89 at line 1, offset 0)",
        "evaluate",
        binaryExpected.toString());
    add(
        tests,
        "explain --scenarios of a binary scenario",
        binaryScenarios.resolve("a.jsonl")
            + ": not UTF-8 text (invalid byte 0x89 at line 1, offset 0)",
        "explain",
        "openai",
        "2024-12-11T23:30:00Z",
        "--scenarios",
        binaryScenarios.toString());
    add(
        tests,
        "demo --scenarios of a binary scenario",
        binaryScenarios.resolve("a.jsonl")
            + ": not UTF-8 text (invalid byte 0x89 at line 1, offset 0)",
        "demo",
        "--scenarios",
        binaryScenarios.toString());
    return tests.stream();
  }

  private static void add(List<DynamicTest> tests, String name, String expected, String... args) {
    tests.add(
        DynamicTest.dynamicTest(
            name,
            () -> {
              CommandLineRun cli = new CommandLineRun();

              int code = cli.execute(args);

              assertThat(code).as(cli.err.toString()).isEqualTo(1);
              assertThat(cli.err.toString().lines())
                  .singleElement()
                  .asString()
                  .isEqualTo("tandem: " + expected);
            }));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
