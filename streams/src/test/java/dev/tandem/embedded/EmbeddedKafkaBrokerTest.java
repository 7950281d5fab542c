package dev.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.tandem.testing.TopicRecords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process broker is a real Kafka: it stores records, keeps them across restarts, and cleans
 * up after itself.
 */
class EmbeddedKafkaBrokerTest {

  private static final String TOPIC = "status-updates";

  @Test
  void keepsRecordsAcrossARestartOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, 0).start()) {
      assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
      createTopic(broker, TOPIC);
      produce(broker, TOPIC, "aws", "us-east-1 degraded");

      assertThat(consumeFromBeginning(broker, TOPIC, 1))
          .containsExactly(entry("aws", "us-east-1 degraded"));
    }

    try (EmbeddedKafkaBroker restarted = new EmbeddedKafkaBroker(dataDir, 0).start()) {
      assertThat(consumeFromBeginning(restarted, TOPIC, 1))
          .containsExactly(entry("aws", "us-east-1 degraded"));
    }
  }

  @Test
  void refusesToCreateATopicJustBecauseAProducerNamedIt() {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(null, 0).start();
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    2_000),
                new StringSerializer(),
                new StringSerializer())) {

      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>("stauts-updates", "aws", "typo"))
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TimeoutException.class)
          .hasMessageContaining("not present in metadata");
    }
  }

  @Test
  void refusesAPortSomethingElseListensOnAndLeavesNothingBehind() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(null, taken.getLocalPort());

      assertThatThrownBy(broker::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
      assertThat(broker.dataDir()).doesNotExist();
    }
  }

  @Test
  void deletesOnCloseOnlyTheTemporaryDirectoryItMadeItself(@TempDir Path given) {
    EmbeddedKafkaBroker withTemporaryDirectory = new EmbeddedKafkaBroker(null, 0);
    EmbeddedKafkaBroker withGivenDirectory = new EmbeddedKafkaBroker(given, 0);
    assertThat(withTemporaryDirectory.dataDir()).isDirectory();

    withTemporaryDirectory.close();
    withTemporaryDirectory.close();
    withGivenDirectory.close();

    assertThat(withTemporaryDirectory.dataDir()).doesNotExist();
    assertThat(withGivenDirectory.dataDir()).isEqualTo(given).isDirectory();
  }

  @Test
  void cannotBeStartedAgainOnceClosed() {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(null, 0);
    broker.close();

    assertThatThrownBy(broker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static void createTopic(EmbeddedKafkaBroker broker, String topic) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> consumeFromBeginning(
      EmbeddedKafkaBroker broker, String topic, int expected) {
    Properties client = new Properties();
    client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    Map<String, String> received = new LinkedHashMap<>();
    TopicRecords.read(client, topic, StringDeserializer::new, expected)
        .forEach(record -> received.put(record.key(), record.value()));
    return received;
  }
}
