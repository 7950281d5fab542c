package dev.tandem.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tandem.io.TextFile;
import dev.tandem.io.YamlProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the providers file: a list of {@link StatusPageSource}s under {@code providers:}, with an
 * optional {@code defaults: {interval: 60s}}. Errors name the file and the entry, so a typo in the
 * 37th provider is found without reading the other 36.
 */
public final class ProvidersFile {

  /** The file shipped in the jar; {@code tandem collect} without {@code --config} uses it. */
  public static final String BUNDLED = "/providers.yaml";

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The keys an entry may have. {@code source} is where the URL and format were confirmed: kept in
   * the file for the next person who re-checks the entry, not used at run time.
   */
  static final Set<String> ENTRY_KEYS = Set.of("id", "url", "format", "interval", "tags", "source");

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  private ProvidersFile() {}

  public static List<StatusPageSource> load(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such providers file: " + file);
    }
    return parse(TextFile.read(file), file.toString());
  }

  public static List<StatusPageSource> bundled() {
    try (InputStream in = ProvidersFile.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("providers.yaml is missing from the jar");
      }
      return parse(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "providers.yaml (bundled)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<StatusPageSource> parse(String text, String fileName) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          fileName + " is not valid YAML: " + YamlProblem.describe(e));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          fileName + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.path("providers").isArray()) {
      throw new IllegalArgumentException(fileName + " needs a 'providers:' list");
    }
    Duration defaultInterval = DEFAULT_INTERVAL;
    JsonNode defaults = root.path("defaults").path("interval");
    if (!defaults.isMissingNode()) {
      defaultInterval = duration(defaults, fileName + " defaults.interval");
    }
    List<StatusPageSource> sources = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int index = 0;
    for (JsonNode entry : root.path("providers")) {
      index++;
      String where =
          fileName
              + " provider #"
              + index
              + (entry.hasNonNull("id") ? " (" + entry.get("id").asText() + ")" : "");
      StatusPageSource source = entry(entry, defaultInterval, where);
      if (!ids.add(source.id())) {
        throw new IllegalArgumentException(where + ": id '" + source.id() + "' is listed twice");
      }
      sources.add(source);
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException(fileName + " lists no providers");
    }
    return List.copyOf(sources);
  }

  private static StatusPageSource entry(JsonNode entry, Duration defaultInterval, String where) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(where + ": expected a mapping with id, url and format");
    }
    for (String field : List.of("id", "url", "format")) {
      if (!entry.hasNonNull(field) || entry.get(field).asText().isBlank()) {
        throw new IllegalArgumentException(where + ": '" + field + "' is missing");
      }
    }
    List<String> unknown = new ArrayList<>();
    entry
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (!ENTRY_KEYS.contains(k)) {
                unknown.add(k);
              }
            });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          where
              + ": unknown key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " (an entry has id, url, format, interval, tags, source)");
    }
    if (entry.has("source") && !entry.get("source").isTextual()) {
      throw new IllegalArgumentException(where + ": 'source' must be a string");
    }
    URI url;
    try {
      url = new URI(entry.get("url").asText().trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + ": url is not a URL: " + e.getMessage());
    }
    Duration interval =
        entry.has("interval")
            ? duration(entry.get("interval"), where + " interval")
            : defaultInterval;
    List<String> tags = tags(entry.get("tags"), where);
    try {
      return new StatusPageSource(
          entry.get("id").asText(), url, entry.get("format").asText(), interval, tags);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  /** {@code tags: [cdn, dns]}; none when absent. */
  private static List<String> tags(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": 'tags' must be a list such as [cdn, dns]");
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode tag : node) {
      if (!tag.isTextual()) {
        throw new IllegalArgumentException(where + ": tags must be words, not '" + tag + "'");
      }
      tags.add(tag.asText());
    }
    return tags;
  }

  /** {@code 90}, {@code 90s}, {@code 2m}, {@code 1h} or {@code 500ms}; a bare number is seconds. */
  static Duration duration(JsonNode node, String where) {
    Matcher m = DURATION.matcher(node.asText().trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          where + ": expected a duration such as 60s or 2m, not '" + node.asText() + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
