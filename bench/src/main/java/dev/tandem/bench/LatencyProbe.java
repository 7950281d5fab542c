package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.raw.RawStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Alert latency under a steady load: the simulator's records go to the raw topic at a fixed rate
 * into a running pipeline, and every {@code probeEvery} a {@link ProbePairs} pair takes two of the
 * slots, its upstream first and its dependent half an interval later.
 *
 * <p>A probe's latency is from the moment the broker appended the later of its two records (the raw
 * topic is {@code LogAppendTime}, so that is the broker's clock, which is this machine's) to the
 * moment a read_committed consumer of the outages JSON topic, polling all the while, returned the
 * OPEN of the outage holding both. That is what a user of the alerts waits.
 */
final class LatencyProbe {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How long to wait after the last send for the last probes' alerts, at most: the wait ends sooner
   * once every probe has opened or the pipeline has caught up (a probe whose pair joined an outage
   * already open gets no OPEN of its own, and is not waited for).
   */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String rawTopic;
  private final String outagesJsonTopic;

  LatencyProbe(String bootstrapServers, String rawTopic, String outagesJsonTopic) {
    this.bootstrapServers = bootstrapServers;
    this.rawTopic = rawTopic;
    this.outagesJsonTopic = outagesJsonTopic;
  }

  /**
   * @param background the records to send, in order; at least {@code rate} × {@code duration}
   * @param warmup probes start after this, so JIT compilation and the first commits are not timed
   * @param caughtUp whether the pipeline has processed everything sent
   */
  LatencySummary run(
      List<RawStatus> background,
      int rate,
      Duration duration,
      Duration warmup,
      Duration probeEvery,
      ProbePairs pairs,
      BooleanSupplier caughtUp)
      throws InterruptedException {
    Map<Integer, Long> upAppended = new ConcurrentHashMap<>();
    Map<Integer, Long> downAppended = new ConcurrentHashMap<>();
    Map<Integer, Long> openRead = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread follower = new Thread(() -> follow(openRead, stop), "latency-follower");
    follower.start();
    int probesSent = 0;
    try (KafkaProducer<String, byte[]> producer = RawTopic.producer(bootstrapServers)) {
      long start = System.nanoTime();
      long durationMs = duration.toMillis();
      int sent = 0;
      int next = 0;
      Instant now = background.get(0).receivedAt();
      Instant[] upstreamAt = new Instant[pairs.count()];
      // Probe events in time order: 2k is pair k's upstream, 2k+1 its dependent.
      int event = 0;
      while (true) {
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (elapsedMs >= durationMs) {
          break;
        }
        long due = elapsedMs * rate / 1000;
        while (sent < due) {
          int k = event / 2;
          long eventAt =
              warmup.toMillis()
                  + k * probeEvery.toMillis()
                  + (event % 2) * probeEvery.toMillis() / 2;
          if (k < pairs.count() && eventAt <= elapsedMs) {
            if (event % 2 == 0) {
              upstreamAt[k] = now;
              producer.send(
                  ProbePairs.upstreamRecord(k, now).toProducerRecord(rawTopic),
                  (m, e) -> {
                    if (e == null) {
                      upAppended.put(k, m.timestamp());
                    }
                  });
            } else {
              producer.send(
                  ProbePairs.dependentRecord(k, upstreamAt[k]).toProducerRecord(rawTopic),
                  (m, e) -> {
                    if (e == null) {
                      downAppended.put(k, m.timestamp());
                    }
                  });
              probesSent++;
            }
            event++;
          } else {
            if (next >= background.size()) {
              throw new IllegalStateException(
                  "ran out of background records after "
                      + next
                      + "; simulate more (--days or --providers)");
            }
            RawStatus record = background.get(next++);
            now = record.receivedAt();
            producer.send(record.toProducerRecord(rawTopic));
          }
          sent++;
        }
        Thread.sleep(1);
      }
      producer.flush();
      long drainUntil = System.nanoTime() + DRAIN.toNanos();
      int caughtUpStreak = 0;
      while (openRead.size() < probesSent && caughtUpStreak < 2 && System.nanoTime() < drainUntil) {
        Thread.sleep(100);
        caughtUpStreak = caughtUp.getAsBoolean() ? caughtUpStreak + 1 : 0;
      }
      // An alert committed with the last input offsets may still be on its way to the follower.
      Thread.sleep(500);
    } finally {
      stop.set(true);
      follower.join();
    }
    List<Long> latencies = new ArrayList<>();
    openRead.forEach(
        (k, readAt) -> {
          Long up = upAppended.get(k);
          Long down = downAppended.get(k);
          if (up != null && down != null) {
            latencies.add(readAt - Math.max(up, down));
          }
        });
    return LatencySummary.of(probesSent, latencies);
  }

  /** Reads the outages JSON topic read_committed and notes when each probe's OPEN arrived. */
  private void follow(Map<Integer, Long> openRead, AtomicBoolean stop) {
    try (KafkaConsumer<String, String> consumer = alertReader(bootstrapServers)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(outagesJsonTopic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(outagesJsonTopic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stop.get()) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          long readAt = System.currentTimeMillis();
          int k = probeOf(r.value());
          if (k >= 0) {
            openRead.putIfAbsent(k, readAt);
          }
        }
      }
    }
  }

  /**
   * A consumer that reads alerts as a user of them does: read_committed, no group, nothing
   * committed.
   */
  static KafkaConsumer<String, String> alertReader(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  /** The pair whose two providers this OPEN alert holds, or -1. */
  static int probeOf(String outageJson) {
    if (outageJson == null) {
      return -1;
    }
    try {
      JsonNode outage = JSON.readTree(outageJson);
      if (!"OPEN".equals(outage.path("state").asText())) {
        return -1;
      }
      List<String> providers = new ArrayList<>();
      outage.path("providers").forEach(p -> providers.add(p.asText()));
      for (String provider : providers) {
        if (provider.startsWith("probe-down-")) {
          int k = Integer.parseInt(provider.substring("probe-down-".length()));
          if (providers.contains(ProbePairs.upstream(k))) {
            return k;
          }
        }
      }
      return -1;
    } catch (java.io.IOException | NumberFormatException e) {
      return -1;
    }
  }
}
