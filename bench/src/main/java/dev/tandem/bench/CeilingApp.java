package dev.tandem.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The broker's ceiling for an application like Tandem: a Kafka Streams application that only copies
 * the raw records from one topic to another, with the same guarantee (exactly_once_v2), the same
 * commit interval and the same one stream thread. Whatever Tandem does beyond this, parsing,
 * stores, changelogs, three stages, is what the ratio to it measures.
 */
final class CeilingApp implements AutoCloseable {

  private final KafkaStreams streams;

  private CeilingApp(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Starts the copy and returns once it is RUNNING. */
  static CeilingApp start(
      String bootstrapServers,
      String applicationId,
      String from,
      String to,
      long commitIntervalMs,
      Path stateDir)
      throws InterruptedException {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(from, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(to, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
    streams.start();
    if (!running.await(60, TimeUnit.SECONDS)) {
      streams.close(Duration.ofSeconds(10));
      throw new IllegalStateException("the ceiling app did not reach RUNNING within 60 s");
    }
    return new CeilingApp(streams);
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
  }
}
