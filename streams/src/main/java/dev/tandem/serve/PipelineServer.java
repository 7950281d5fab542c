package dev.tandem.serve;

import dev.tandem.pipeline.BrokerReachability;
import dev.tandem.pipeline.TandemConfig;
import java.io.IOException;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Everything a running pipeline serves over HTTP, in one place so that {@code run}, {@code demo
 * --serve} and the tests serve the same: the API and health checks, the event stream, the metrics,
 * the dashboard at {@code /}, and the settings (admin).
 */
public final class PipelineServer {

  private PipelineServer() {}

  /**
   * Adds every route of the pipeline {@code streams} runs to {@code layer} (not started).
   *
   * @throws IOException when the dependency graph cannot be read
   */
  public static HttpLayer routeOn(HttpLayer layer, KafkaStreams streams, TandemConfig config)
      throws IOException {
    OutageStream stream =
        new OutageStream(
            BrokerReachability.adminSettings(config.streamsProperties()),
            config.topics().outagesJson());
    stream.routeOn(layer);
    new PipelineApi(
            streams,
            config.correlation(),
            config.dependencies(),
            config.advertisedServer(),
            stream.published())
        .routeOn(layer);
    new SettingsView(config).routeOn(layer);
    new Dashboard().routeOn(layer);
    return new PipelineMetrics(streams).routeOn(layer);
  }
}
