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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the providers file: a list of {@link StatusPageSource}s under {@code providers:}, with an
 * optional {@code defaults: {interval: 60s}}. Errors name the file and the entry, so a typo in the
 * 37th provider is found without reading the other 36.
 *
 * <p>A user's file may instead, or as well, name entries of the bundled catalog under {@code watch:
 * [id, …]}: then Tandem polls those catalog entries plus the file's own entries (an own entry with
 * a catalog id replaces the catalog's), so a user picks 30 of the 200 shipped pages without copying
 * them and keeps receiving the catalog's corrections. Without {@code watch:} the file's entries are
 * everything polled, as before.
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

  /** The keys at the top of a providers file; another is a typo that would otherwise go unseen. */
  static final Set<String> FILE_KEYS = Set.of("providers", "watch", "defaults");

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

  private ProvidersFile() {}

  public static List<StatusPageSource> load(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such providers file: " + file);
    }
    return parse(TextFile.read(file), file.toString(), ProvidersFile::bundled);
  }

  public static List<StatusPageSource> bundled() {
    try (InputStream in = ProvidersFile.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("providers.yaml is missing from the jar");
      }
      return parse(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "providers.yaml (bundled)",
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file that stands alone: {@code watch:} is refused, there being no catalog to watch from. */
  public static List<StatusPageSource> parse(String text, String fileName) {
    return parse(text, fileName, null);
  }

  /**
   * The entries a file makes Tandem poll; {@code catalog} supplies the entries {@code watch:} may
   * name (read only when the file has a watch list), or is null where none may be named.
   */
  static List<StatusPageSource> parse(
      String text, String fileName, Supplier<List<StatusPageSource>> catalog) {
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
    boolean watches = root != null && root.has("watch");
    if (root == null
        || !root.path("providers").isArray()
            && !(watches && root.path("providers").isMissingNode())) {
      throw new IllegalArgumentException(
          fileName
              + " needs a 'providers:' list"
              + (catalog == null ? "" : " or a 'watch:' list of the bundled catalog's ids"));
    }
    rejectUnknownKeys(
        root, FILE_KEYS, fileName + ":", "a providers file has providers, watch, defaults");
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
    if (watches) {
      if (catalog == null) {
        throw new IllegalArgumentException(fileName + ": 'watch:' belongs in a user's file");
      }
      return watched(root.get("watch"), sources, catalog.get(), fileName);
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException(fileName + " lists no providers");
    }
    return List.copyOf(sources);
  }

  /**
   * The catalog entries {@code watch} names, in the catalog's order, then the file's own entries;
   * an own entry replaces the catalog's of the same id. An id neither has is an error naming it: a
   * misspelt id must not silently watch nothing.
   */
  private static List<StatusPageSource> watched(
      JsonNode watch, List<StatusPageSource> own, List<StatusPageSource> catalog, String file) {
    if (!watch.isArray()) {
      throw new IllegalArgumentException(
          file + ": 'watch' must be a list of ids such as [cloudflare, github]");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : watch) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw new IllegalArgumentException(file + ": watch lists ids, not '" + id + "'");
      }
      ids.add(id.asText().trim());
    }
    Set<String> ownIds = own.stream().map(StatusPageSource::id).collect(Collectors.toSet());
    Set<String> catalogIds = catalog.stream().map(StatusPageSource::id).collect(Collectors.toSet());
    List<String> unknown =
        ids.stream().filter(id -> !catalogIds.contains(id) && !ownIds.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + ": watch names ids that neither the bundled catalog nor the file has: "
              + String.join(", ", unknown)
              + " (tandem collect --list shows the catalog)");
    }
    List<StatusPageSource> polled = new ArrayList<>();
    for (StatusPageSource entry : catalog) {
      if (ids.contains(entry.id()) && !ownIds.contains(entry.id())) {
        polled.add(entry);
      }
    }
    polled.addAll(own);
    if (polled.isEmpty()) {
      throw new IllegalArgumentException(file + " watches no providers");
    }
    return List.copyOf(polled);
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
    rejectUnknownKeys(
        entry, ENTRY_KEYS, where + ":", "an entry has id, url, format, interval, tags, source");
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

  /** One line naming every key of {@code node} not among {@code known}, and what belongs there. */
  private static void rejectUnknownKeys(
      JsonNode node, Set<String> known, String where, String whatBelongs) {
    List<String> unknown = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                unknown.add(k);
              }
            });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          where
              + " unknown key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " ("
              + whatBelongs
              + ")");
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
