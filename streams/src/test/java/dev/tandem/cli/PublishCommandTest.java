package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.testing.CommandLineRun;
import dev.tandem.testing.KafkaStack;
import dev.tandem.testing.TopicRecords;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaStack.class)
class PublishCommandTest {

  @Test
  void publishesScenarioEnvelopesWithTheirKeysHeadersAndTimestamps(@TempDir Path dir)
      throws Exception {
    String topic = "publish-envelopes";
    TopicRecords.create(topic);
    Path scenario = dir.resolve("fastly.jsonl");
    try (InputStream in = getClass().getResourceAsStream("/scenarios/fastly-2021-06-08.jsonl")) {
      Files.write(scenario, in.readAllBytes());
    }
    long lines = Files.readAllLines(scenario).stream().filter(l -> !l.isBlank()).count();
    CommandLineRun cli = new CommandLineRun();

    int code = publish(cli, "--topic", topic, "--envelopes", scenario.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(cli.err.toString()).contains("published " + lines + " records to " + topic);
    List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(topic, (int) lines);
    assertThat(records).hasSize((int) lines);
    ConsumerRecord<String, byte[]> first = records.get(0);
    assertThat(first.key()).isEqualTo("fastly");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2021-06-08T09:58:40Z").toEpochMilli());
    assertThat(TopicRecords.header(first, "tandem.format")).isEqualTo("statuspage");
    assertThat(TopicRecords.header(first, "tandem.received-at")).isEqualTo("2021-06-08T09:58:40Z");
    assertThat(new String(first.value(), StandardCharsets.UTF_8))
        .startsWith("{\"incident\":{\"id\":\"fastly-2021-06-08\"");
    assertThat(records)
        .extracting(ConsumerRecord::key)
        .contains("amazon", "reddit", "github", "govuk");
  }

  @Test
  void publishesToTheRawTopicTheSettingsName(@TempDir Path dir) throws Exception {
    String topic = "publish-configured-raw";
    TopicRecords.create(topic);
    Path settings =
        Files.writeString(dir.resolve("tandem.properties"), "tandem.topic.raw=" + topic);
    Path file = Files.writeString(dir.resolve("updates.jsonl"), "{\"provider\":\"openai\"}\n");
    CommandLineRun cli = new CommandLineRun();

    int code = publish(cli, "--config", settings.toString(), file.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(cli.err.toString()).contains("published 1 record to " + topic);
    assertThat(TopicRecords.read(topic, 1))
        .extracting(ConsumerRecord::key)
        .containsExactly("openai");
  }

  @Test
  void aTopicThatDoesNotExistIsOneLineNotAHang(@TempDir Path dir) throws Exception {
    Path settings = Files.writeString(dir.resolve("client.properties"), "max.block.ms=1500\n");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      lines.append("{\"provider\":\"openai\",\"n\":").append(i).append("}\n");
    }
    Path file = Files.writeString(dir.resolve("updates.jsonl"), lines);
    CommandLineRun cli = new CommandLineRun();
    long start = System.nanoTime();

    int code =
        publish(cli, "--topic", "never-created", "--config", settings.toString(), file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString().lines())
        .singleElement()
        .asString()
        .startsWith(
            "tandem: could not publish to never-created: the topic does not exist or this client"
                + " may not see it (tandem run creates Tandem's topics): ");
    // One wait of max.block.ms, not one for each of the 50 records.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void publishesOneRecordPerJsonLineKeyedByProvider(@TempDir Path dir) throws Exception {
    String topic = "publish-lines";
    TopicRecords.create(topic);
    Path file = dir.resolve("updates.jsonl");
    Files.writeString(file, "{\"provider\":\"openai\",\"n\":1}\n{\"provider\":\"x\",\"n\":2}\n");

    int code =
        publish(new CommandLineRun(), "--topic", topic, "--format", "tandem", file.toString());

    assertThat(code).isZero();
    List<ConsumerRecord<String, byte[]>> records = TopicRecords.read(topic, 2);
    assertThat(records).hasSize(2);
    assertThat(records).extracting(ConsumerRecord::key).containsExactly("openai", "x");
    assertThat(records)
        .allSatisfy(r -> assertThat(TopicRecords.header(r, "tandem.format")).isEqualTo("tandem"));
  }

  /** {@code tandem publish} against the test broker, with these arguments. */
  private static int publish(CommandLineRun cli, String... args) {
    List<String> all = new ArrayList<>(List.of("publish", "--bootstrap-servers"));
    all.add(KafkaStack.bootstrapServers());
    all.addAll(List.of(args));
    return cli.execute(all.toArray(String[]::new));
  }
}
