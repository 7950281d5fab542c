package dev.tandem.collect;

import dev.tandem.raw.RawStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes {@link RawStatus} records to a topic with an idempotent producer and waits until the
 * broker has them, so that "published" means acknowledged by every in-sync replica.
 */
public final class RawStatusPublisher implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  public RawStatusPublisher(Properties kafkaProperties, String topic) {
    Properties props = new Properties();
    props.putAll(kafkaProperties);
    props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "tandem-publisher");
    // A missing topic or an unreachable broker must fail within a minute, not block forever.
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  /** The producer's metrics, for {@code /metrics} ({@code kafka_producer_…}). */
  public io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics clientMetrics() {
    return new io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics(producer);
  }

  /** Sends every record and returns once all are acknowledged; the first failure is thrown. */
  public int publishAll(List<RawStatus> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (RawStatus record : records) {
      Future<RecordMetadata> future = producer.send(record.toProducerRecord(topic));
      // A send that failed at once (the topic's metadata never came) fails every later one the
      // same way, each after max.block.ms: stop at the first.
      if (future.isDone()) {
        acknowledged(future);
      }
      sent.add(future);
    }
    producer.flush();
    sent.forEach(this::acknowledged);
    return sent.size();
  }

  private void acknowledged(Future<RecordMetadata> future) {
    try {
      future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof TimeoutException
                  && String.valueOf(cause.getMessage()).contains("metadata")
              ? "the topic does not exist or this client may not see it (tandem run creates"
                  + " Tandem's topics): "
              : "";
      throw new KafkaException(
          "could not publish to " + topic + ": " + why + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
