package dev.tandem.serve;

import dev.tandem.alert.CorrelateProcessor;
import dev.tandem.track.TrackProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance answers a query, and the forward to it. Every instance advertises its API address
 * as Kafka Streams' {@code application.server}; the correlate stores are one task, on one instance,
 * and a provider's incidents live with the track task of that provider's partition. A request that
 * arrives elsewhere is forwarded once (marked, so that it is never forwarded again) and its answer
 * passed back unchanged.
 */
final class InstanceRouter {

  /** Marks a forwarded request: answered where it lands, or 503, never forwarded again. */
  static final String FORWARDED = "X-Tandem-Forwarded";

  private static final StringSerializer KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final HostInfo self;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param self this instance's {@code application.server}, or null when there is one instance
   */
  InstanceRouter(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  /** Where the correlate stores are: empty when here. */
  Optional<HostInfo> correlateOwner() {
    // One partition: any key names it.
    return owner(CorrelateProcessor.OUTAGES_STORE, "");
  }

  /** Where a provider's tracked incidents are: empty when here. */
  Optional<HostInfo> providerOwner(String provider) {
    return owner(TrackProcessor.HISTORY_STORE, provider);
  }

  private Optional<HostInfo> owner(String store, String key) {
    if (self == null) {
      return Optional.empty();
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(store, key, KEYS);
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw ApiError.unavailable("no instance holds " + store + " now (rebalancing); ask again");
    }
    HostInfo active = metadata.activeHost();
    return active.equals(self) ? Optional.empty() : Optional.of(active);
  }

  /**
   * The answer of {@code host} to the same request.
   *
   * @param authorization the caller's {@code Authorization} header, or null
   */
  Forwarded forward(HostInfo host, String pathAndQuery, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
            .header(FORWARDED, "true")
            .timeout(Duration.ofSeconds(30))
            .GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Forwarded(response.statusCode(), response.body());
    } catch (IOException e) {
      throw ApiError.unavailable(
          "the instance at " + host.host() + ":" + host.port() + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.unavailable("interrupted while asking " + host.host() + ":" + host.port());
    }
  }

  record Forwarded(int status, byte[] body) {}
}
