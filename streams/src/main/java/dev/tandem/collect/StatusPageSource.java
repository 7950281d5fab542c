package dev.tandem.collect;

import dev.tandem.raw.RawStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One provider the collector polls: its id (the record key), the status document's URL, the format
 * of that document (the {@code tandem.format} header) and how often to fetch it.
 */
public record StatusPageSource(String id, URI url, String format, Duration interval) {

  /**
   * The values of {@code tandem.format} (design §2): the formats of the adapters Tandem registers,
   * in detection order.
   */
  public static final List<String> FORMATS =
      dev.tandem.normalize.Normalizer.withDefaultAdapters().formats();

  /** Provider ids are lower-case slugs, the same ids {@code dependencies.yaml} uses. */
  public static final Pattern PROVIDER_ID = RawStatus.PROVIDER_ID;

  public StatusPageSource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(interval, "interval");
    if (!PROVIDER_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "provider id must be a lower-case slug such as 'github', not '" + id + "'");
    }
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException(
          "format must be one of " + String.join(", ", FORMATS) + ", not '" + format + "'");
    }
    String scheme = url.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("url must be an http(s) URL, not '" + url + "'");
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("interval must be at least 1s, not " + interval);
    }
  }
}
