package dev.tandem.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.tandem.alert.OutageJson;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/stream}: every outage change from now on, as Server-Sent Events ({@code event:
 * outage}, the JSON of {@code tandem.outages.json}; a retraction as {@code "state":"RETRACTED"}),
 * read from that topic read_committed, so a client sees exactly what a consumer of the topic sees,
 * from whichever instance it asks. A comment line every 15 s keeps proxies from closing a quiet
 * stream. The same reader, from the topic's beginning, keeps the last version of each outage
 * ({@link PublishedOutages}) for {@code /api/published} and the dashboard. A client that reads too
 * slowly to keep up loses its stream (it reconnects and asks {@code /api/outages} again) rather
 * than slowing the others.
 */
public final class OutageStream implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutageStream.class);

  /** Streams held open at most; each holds a thread of the HTTP layer. */
  static final int MAX_CLIENTS = 32;

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final String GONE = "";

  private final KafkaConsumer<String, String> consumer;
  private final KafkaClientMetrics clientMetrics;
  private final String topic;
  private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
  private final Thread reader;
  private final PublishedOutages published = new PublishedOutages();
  private volatile boolean closed;

  /**
   * @param clientSettings how to reach the brokers (bootstrap servers, security)
   */
  public OutageStream(Map<String, Object> clientSettings, String topic) {
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // Named in the client metrics (kafka_consumer_…{client_id=…}) and the brokers' logs.
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "tandem-outage-stream");
    this.consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    // On the global registry, which /metrics (PipelineMetrics) scrapes.
    this.clientMetrics = new KafkaClientMetrics(consumer);
    clientMetrics.bindTo(Metrics.globalRegistry);
    this.topic = topic;
    this.reader = new Thread(this::read, "tandem-outage-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** The last published version of each outage, read from the topic since it began. */
  PublishedOutages published() {
    return published;
  }

  /** Adds {@code /api/stream} to {@code layer}. */
  public HttpLayer routeOn(HttpLayer layer) {
    return layer.route("/api/stream", this::serve).closing(this);
  }

  private void read() {
    try {
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && !closed) {
        // The topic appears when the pipeline has set up its topics.
        try {
          partitions =
              consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                  .map(p -> new TopicPartition(topic, p.partition()))
                  .toList();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          // Not there yet: ask again.
        }
      }
      consumer.assign(partitions);
      // From the beginning, for the outages already published; streamed is what comes after the
      // end as it is now (read_committed: the last stable offset).
      Map<TopicPartition, Long> now = consumer.endOffsets(partitions);
      consumer.seekToBeginning(partitions);
      boolean caughtUp = false;
      while (!closed) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          published.published(r.key(), r.value());
          if (r.offset() >= now.get(new TopicPartition(r.topic(), r.partition()))) {
            broadcast(r.value() == null ? OutageJson.retraction(r.key(), null, null) : r.value());
          }
        }
        if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= now.get(p))) {
          caughtUp = true;
          published.caughtUp();
        }
      }
    } catch (WakeupException e) {
      // Closed.
    } catch (RuntimeException e) {
      log.warn("the outage stream stopped reading {}: {}", topic, e.toString());
    } finally {
      consumer.close();
    }
  }

  private void broadcast(String json) {
    for (BlockingQueue<String> client : clients) {
      if (!client.offer(json)) {
        // Too slow: its stream ends rather than holding the others back.
        client.clear();
        client.offer(GONE);
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        JsonReply.error(405, "only GET is served here").send(exchange);
        return;
      }
      if (clients.size() >= MAX_CLIENTS) {
        JsonReply.error(503, "too many streams open (" + MAX_CLIENTS + "); try again later")
            .send(exchange);
        return;
      }
      BlockingQueue<String> queue = new ArrayBlockingQueue<>(1024);
      clients.add(queue);
      try {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        write(out, ": outage changes from now on\n\n");
        while (!closed) {
          String next = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
          if (next == null) {
            write(out, ": keep-alive\n\n");
          } else if (next.equals(GONE)) {
            return;
          } else {
            write(out, "event: outage\ndata: " + next + "\n\n");
          }
        }
      } catch (IOException e) {
        // The client went away.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        clients.remove(queue);
      }
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    closed = true;
    clientMetrics.close();
    consumer.wakeup();
    clients.forEach(q -> q.offer(GONE));
  }
}
