package dev.tandem.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which providers run on which infrastructure providers (CDNs, clouds, DNS). A provider that is a
 * declared upstream of the others in an outage is its suspected cause.
 *
 * <p>YAML form: {@code dependencies: {openai: [azure, cloudflare], reddit: [fastly, aws]}}.
 */
public final class DependencyGraph {

  private static final String DEFAULTS_RESOURCE = "/dependencies.yaml";

  private final Map<String, Set<String>> upstreams;

  public DependencyGraph(Map<String, ? extends Set<String>> upstreams) {
    Map<String, Set<String>> copy = new TreeMap<>();
    upstreams.forEach((provider, ups) -> copy.put(provider, Set.copyOf(ups)));
    this.upstreams = Map.copyOf(copy);
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

  /** Reads {@code dependencies: {provider: [upstream, …]}}; the message of a failure names what is wrong. */
  public static DependencyGraph fromYaml(InputStream in, String name) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    JsonNode deps = root == null ? null : root.get("dependencies");
    if (deps == null || !deps.isObject()) {
      throw new IllegalArgumentException(name + ": expected a top-level 'dependencies' map of provider: [upstreams]");
    }
    Map<String, Set<String>> upstreams = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isArray()) {
        throw new IllegalArgumentException(name + ": upstreams of '" + entry.getKey() + "' must be a list");
      }
      Set<String> ups = new TreeSet<>();
      entry.getValue().forEach(u -> ups.add(u.asText()));
      upstreams.put(entry.getKey(), ups);
    }
    return new DependencyGraph(upstreams);
  }

  public Set<String> upstreamsOf(String provider) {
    return upstreams.getOrDefault(provider, Set.of());
  }

  public boolean isUpstreamOf(String upstream, String dependent) {
    return upstreamsOf(dependent).contains(upstream);
  }

  /** Whether either provider is a declared upstream of the other. */
  public boolean related(String a, String b) {
    return isUpstreamOf(a, b) || isUpstreamOf(b, a);
  }
}
