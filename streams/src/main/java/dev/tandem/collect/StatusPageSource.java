package dev.tandem.collect;

import dev.tandem.raw.RawStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One provider the collector polls: its id (the record key), the status document's URL, the format
 * of that document (the {@code tandem.format} header), how often to fetch it and the kinds of
 * service it is ({@link #TAGS}), by which a user selects what to watch.
 */
public record StatusPageSource(
    String id, URI url, String format, Duration interval, List<String> tags) {

  /**
   * The kinds of service an entry may be tagged with. A closed list, so that a typo in a providers
   * file is an error instead of an entry that {@code collect --tags} silently never selects.
   */
  public static final List<String> TAGS =
      List.of(
          "cloud",
          "cdn",
          "dns",
          "ai",
          "identity",
          "payments",
          "cicd",
          "observability",
          "messaging",
          "email",
          "devplatform",
          "collaboration",
          "saas",
          "security",
          "database");

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
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
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
    for (String tag : tags) {
      if (!TAGS.contains(tag)) {
        throw new IllegalArgumentException(
            "tags must be among " + String.join(", ", TAGS) + ", not '" + tag + "'");
      }
    }
  }

  /** An entry without tags: tests, the demo and files that do not tag. */
  public StatusPageSource(String id, URI url, String format, Duration interval) {
    this(id, url, format, interval, List.of());
  }

  /** Whether this entry has any of {@code wanted}. */
  public boolean hasAnyTag(java.util.Collection<String> wanted) {
    return tags.stream().anyMatch(wanted::contains);
  }
}
