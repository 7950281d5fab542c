package dev.tandem.correlate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tandem.io.TextFile;
import dev.tandem.io.YamlProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which providers run on which infrastructure providers (CDNs, clouds, DNS), and how incidents
 * betray it. A provider depends on an upstream when the graph declares it, when one of the
 * components its incident names is declared to run on it ({@code cloudflare: Workers KV → gcp}), or
 * when the incident's title or components name it ("… due to an AWS us-east-1 issue").
 *
 * <p>YAML form:
 *
 * <pre>
 * dependencies: {openai: [azure, cloudflare], reddit: [fastly, aws]}
 * components:   {cloudflare: {Workers KV: [gcp]}}
 * aliases:      {aws: [AWS, Amazon Web Services], gcp: [Google Cloud, GCP]}
 * </pre>
 *
 * Every provider that is some provider's upstream is recognised in text by its id too.
 */
public final class DependencyGraph {

  private static final String DEFAULTS_RESOURCE = "/dependencies.yaml";

  /** Words with which incidents blame an upstream they do not name. */
  static final List<String> UNNAMED_UPSTREAM_PHRASES =
      List.of(
          "third-party provider",
          "third party provider",
          "third-party service",
          "third party service",
          "upstream provider",
          "external provider",
          "infrastructure provider",
          "cloud provider");

  private static final Pattern UNNAMED_UPSTREAM = words(UNNAMED_UPSTREAM_PHRASES);

  private final Map<String, Set<String>> upstreams;
  private final Map<String, Map<String, Set<String>>> componentUpstreams;
  private final Map<String, Pattern> mentions;

  public DependencyGraph(Map<String, ? extends Set<String>> upstreams) {
    this(upstreams, Map.of(), Map.of());
  }

  /**
   * @param componentUpstreams provider → component name → upstreams of that component
   * @param aliases upstream → further names it goes by in incident text
   */
  public DependencyGraph(
      Map<String, ? extends Set<String>> upstreams,
      Map<String, ? extends Map<String, ? extends Set<String>>> componentUpstreams,
      Map<String, ? extends List<String>> aliases) {
    Map<String, Set<String>> copy = new TreeMap<>();
    upstreams.forEach((provider, ups) -> copy.put(provider, Set.copyOf(ups)));
    this.upstreams = Map.copyOf(copy);
    Map<String, Map<String, Set<String>>> components = new TreeMap<>();
    componentUpstreams.forEach(
        (provider, byComponent) -> {
          Map<String, Set<String>> lowered = new TreeMap<>();
          byComponent.forEach(
              (component, ups) -> lowered.put(component.toLowerCase(Locale.ROOT), Set.copyOf(ups)));
          components.put(provider, Map.copyOf(lowered));
        });
    this.componentUpstreams = Map.copyOf(components);
    Set<String> named = new TreeSet<>();
    this.upstreams.values().forEach(named::addAll);
    this.componentUpstreams
        .values()
        .forEach(byComponent -> byComponent.values().forEach(named::addAll));
    named.addAll(aliases.keySet());
    Map<String, Pattern> patterns = new TreeMap<>();
    for (String upstream : named) {
      List<String> names = new ArrayList<>(List.of(upstream));
      if (aliases.containsKey(upstream)) {
        names.addAll(aliases.get(upstream));
      }
      patterns.put(upstream, words(names));
    }
    this.mentions = Map.copyOf(patterns);
  }

  /** The graph shipped with Tandem for well-known providers. */
  public static DependencyGraph defaults() {
    try (InputStream in = DependencyGraph.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      return fromYaml(in, DEFAULTS_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the YAML form above; the message of a failure names what is wrong. */
  public static DependencyGraph fromYaml(InputStream in, String name) throws IOException {
    String text = TextFile.decode(in.readAllBytes(), name);
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": not valid YAML: " + YamlProblem.describe(e));
    }
    JsonNode deps = root == null ? null : root.get("dependencies");
    if (deps == null || !deps.isObject()) {
      throw new IllegalArgumentException(
          name + ": expected a top-level 'dependencies' map of provider: [upstreams]");
    }
    Map<String, Set<String>> upstreams = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : fields(deps)) {
      upstreams.put(
          entry.getKey(),
          names(entry.getValue(), name + ": upstreams of '" + entry.getKey() + "'"));
    }
    Map<String, Map<String, Set<String>>> components = new TreeMap<>();
    JsonNode componentNode = root.get("components");
    if (componentNode != null && !componentNode.isNull()) {
      if (!componentNode.isObject()) {
        throw new IllegalArgumentException(
            name + ": 'components' must map provider: {component: [upstreams]}");
      }
      for (Map.Entry<String, JsonNode> provider : fields(componentNode)) {
        if (!provider.getValue().isObject()) {
          throw new IllegalArgumentException(
              name + ": components of '" + provider.getKey() + "' must map component: [upstreams]");
        }
        Map<String, Set<String>> byComponent = new TreeMap<>();
        for (Map.Entry<String, JsonNode> component : fields(provider.getValue())) {
          byComponent.put(
              component.getKey(),
              names(
                  component.getValue(),
                  name
                      + ": upstreams of "
                      + provider.getKey()
                      + "'s '"
                      + component.getKey()
                      + "'"));
        }
        components.put(provider.getKey(), byComponent);
      }
    }
    Map<String, List<String>> aliases = new TreeMap<>();
    JsonNode aliasNode = root.get("aliases");
    if (aliasNode != null && !aliasNode.isNull()) {
      if (!aliasNode.isObject()) {
        throw new IllegalArgumentException(name + ": 'aliases' must map provider: [names]");
      }
      for (Map.Entry<String, JsonNode> entry : fields(aliasNode)) {
        aliases.put(
            entry.getKey(),
            List.copyOf(names(entry.getValue(), name + ": aliases of '" + entry.getKey() + "'")));
      }
    }
    return new DependencyGraph(upstreams, components, aliases);
  }

  /** Upstreams declared for the provider as a whole. */
  public Set<String> upstreamsOf(String provider) {
    return upstreams.getOrDefault(provider, Set.of());
  }

  /** Whether the graph declares {@code upstream} for the provider as a whole. */
  public boolean isUpstreamOf(String upstream, String dependent) {
    return upstreamsOf(dependent).contains(upstream);
  }

  /**
   * Every upstream this incident depends on: declared, through a named component, or named in its
   * text.
   */
  public Set<String> upstreamsOf(ProviderIncident incident) {
    Set<String> result = new TreeSet<>(upstreamsOf(incident.provider()));
    Map<String, Set<String>> byComponent =
        componentUpstreams.getOrDefault(incident.provider(), Map.of());
    for (String component : incident.components()) {
      result.addAll(byComponent.getOrDefault(component.toLowerCase(Locale.ROOT), Set.of()));
    }
    result.addAll(mentionedIn(text(incident)));
    result.remove(incident.provider());
    return result;
  }

  /** Titles repeat ("Elevated errors"): what a text names is looked up once per distinct text. */
  private final Map<String, Set<String>> mentionCache =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
              return size() > 10_000;
            }
          });

  private Set<String> mentionedIn(String text) {
    Set<String> cached = mentionCache.get(text);
    if (cached != null) {
      return cached;
    }
    Set<String> named = new TreeSet<>();
    mentions.forEach(
        (upstream, pattern) -> {
          if (pattern.matcher(text).find()) {
            named.add(upstream);
          }
        });
    Set<String> result = Set.copyOf(named);
    mentionCache.put(text, result);
    return result;
  }

  /** Every upstream any incident of the episode depends on. */
  public Set<String> upstreamsOf(Episode episode) {
    Set<String> result = new TreeSet<>();
    episode.incidents().forEach(i -> result.addAll(upstreamsOf(i)));
    return result;
  }

  /** Whether some provider or component may depend on this one: only then can it be a cause. */
  public boolean isUpstreamOfAny(String provider) {
    return mentions.containsKey(provider);
  }

  /** Whether either episode depends on the other's provider. */
  public boolean related(Episode a, Episode b) {
    return upstreamsOf(b).contains(a.provider()) || upstreamsOf(a).contains(b.provider());
  }

  /** Why the episode depends on {@code upstream}, in words, if it does. */
  public Optional<String> why(String upstream, Episode dependent) {
    if (isUpstreamOf(upstream, dependent.provider())) {
      return Optional.of(upstream + " is a declared upstream of " + dependent.provider());
    }
    for (ProviderIncident incident : dependent.incidents()) {
      Map<String, Set<String>> byComponent =
          componentUpstreams.getOrDefault(incident.provider(), Map.of());
      for (String component : incident.components()) {
        if (byComponent
            .getOrDefault(component.toLowerCase(Locale.ROOT), Set.of())
            .contains(upstream)) {
          return Optional.of(dependent.provider() + "'s " + component + " runs on " + upstream);
        }
      }
      Pattern pattern = mentions.get(upstream);
      if (pattern != null && pattern.matcher(text(incident)).find()) {
        return Optional.of(dependent.provider() + "'s incident names " + upstream);
      }
    }
    return Optional.empty();
  }

  /** Whether an incident blames an upstream without naming it ("a third-party provider"). */
  public static boolean blamesUnnamedUpstream(ProviderIncident incident) {
    return UNNAMED_UPSTREAM.matcher(text(incident)).find();
  }

  private static String text(ProviderIncident incident) {
    return incident.title() + "\n" + String.join("\n", incident.components());
  }

  /** Case-insensitive, whole words only, so "meta" never matches "metadata". */
  private static Pattern words(List<String> names) {
    List<String> quoted = names.stream().map(Pattern::quote).toList();
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])(?:" + String.join("|", quoted) + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static Set<String> names(JsonNode node, String what) {
    if (!node.isArray()) {
      throw new IllegalArgumentException(what + " must be a list");
    }
    Set<String> names = new LinkedHashSet<>();
    node.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      entries.add(it.next());
    }
    return entries;
  }
}
