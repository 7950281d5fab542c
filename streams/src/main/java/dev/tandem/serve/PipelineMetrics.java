package dev.tandem.serve;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /metrics} in Prometheus' text format, through Micrometer (for collect: its producer's
 * client metrics instead of the pipeline's): Kafka Streams' and its clients' metrics ({@code
 * KafkaStreamsMetrics}, which carries the sensors Tandem's processors add, such as the correlate
 * stage's too-late incidents), Tandem's own ({@code dev.tandem.metrics.TandemMeters}: updates by
 * provider and format, dead letters by stage and reason, open outages and incidents, event-time
 * lag), the JVM's, and whether the pipeline is running.
 */
public final class PipelineMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AutoCloseable kafkaMetrics;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

  public PipelineMetrics(KafkaStreams streams) {
    this(new KafkaStreamsMetrics(streams));
    Gauge.builder(
            "tandem.pipeline.running",
            streams,
            s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
        .description("1 while the pipeline is RUNNING, else 0")
        .register(registry);
  }

  /**
   * The JVM's metrics, Tandem's own, and {@code kafka}'s: a pipeline's {@code KafkaStreamsMetrics},
   * or the collector's producer's {@code KafkaClientMetrics}.
   */
  public <T extends io.micrometer.core.instrument.binder.MeterBinder & AutoCloseable>
      PipelineMetrics(T kafka) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    kafka.bindTo(registry);
    this.kafkaMetrics = kafka;
    // Tandem's own meters (dev.tandem.metrics) are on the global registry.
    Metrics.addRegistry(registry);
  }

  /** Adds {@code /metrics} to {@code layer}. */
  public HttpLayer routeOn(HttpLayer layer) {
    return layer.route("/metrics", this::scrape).closing(this);
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    Metrics.removeRegistry(registry);
    try {
      kafkaMetrics.close();
    } catch (Exception e) {
      // Closing at shutdown: the registry goes with it.
    }
    gcMetrics.close();
    registry.close();
  }
}
