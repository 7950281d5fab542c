package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

  private static DependencyGraph yaml(String text) throws Exception {
    return DependencyGraph.fromYaml(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static ProviderIncident incident(String provider, String title, String... components) {
    return new ProviderIncident(
        provider,
        "i",
        title,
        Severity.MAJOR,
        Instant.parse("2025-01-01T00:00:00Z"),
        null,
        List.of(components));
  }

  @Test
  void readsProviderAndComponentEdgesAndAliases() throws Exception {
    DependencyGraph graph =
        yaml(
            """
        dependencies:
          openai: [azure, cloudflare]
        components:
          cloudflare:
            Workers KV: [gcp]
        aliases:
          aws: [Amazon Web Services]
        """);

    assertThat(graph.upstreamsOf("openai")).containsExactlyInAnyOrder("azure", "cloudflare");
    assertThat(graph.upstreamsOf(incident("cloudflare", "KV errors", "workers kv")))
        .containsExactly("gcp");
    assertThat(graph.upstreamsOf(incident("cloudflare", "Dashboard slow", "Dashboard"))).isEmpty();
    assertThat(graph.upstreamsOf(incident("zoom", "Outage at Amazon Web Services")))
        .containsExactly("aws");
  }

  @Test
  void recognisesUpstreamsByWholeWordsOnly() throws Exception {
    DependencyGraph graph = yaml("dependencies: {instagram: [meta]}");

    assertThat(graph.upstreamsOf(incident("foo", "Metadata service slow"))).isEmpty();
    assertThat(graph.upstreamsOf(incident("foo", "Login via Meta failing")))
        .containsExactly("meta");
  }

  @Test
  void theShippedGraphKnowsTheCommonNamesOfClouds() {
    DependencyGraph graph = DependencyGraph.defaults();

    assertThat(graph.upstreamsOf(incident("somesaas", "Degraded due to an AWS us-east-1 issue")))
        .contains("aws");
    assertThat(graph.upstreamsOf(incident("somesaas", "Google Cloud networking problems")))
        .contains("gcp");
    assertThat(graph.upstreamsOf(incident("somesaas", "Errors behind Azure Front Door")))
        .contains("azure");
  }

  /** An edge line: indented {@code name: [upstreams]}, optionally followed by a comment. */
  private static final Pattern EDGE_LINE =
      Pattern.compile("^\\s+[^#\\s][^:]*:\\s*\\[[^\\]]*\\].*$");

  /**
   * The edge lines under {@code dependencies:} and {@code components:} of a dependencies file, each
   * mapped to its source: the comment on its own line plus the comment lines directly above it.
   */
  private static Map<String, String> edgeSources(String text) {
    List<String> lines = text.lines().toList();
    Map<String, String> sources = new LinkedHashMap<>();
    String section = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
        section = line.substring(0, line.indexOf(':') + 1);
        continue;
      }
      boolean edgeSection = section.equals("dependencies:") || section.equals("components:");
      if (!edgeSection || !EDGE_LINE.matcher(line).matches()) {
        continue;
      }
      StringBuilder source = new StringBuilder();
      int hash = line.indexOf('#');
      if (hash >= 0) {
        source.append(line.substring(hash));
      }
      for (int j = i - 1; j >= 0 && lines.get(j).strip().startsWith("#"); j--) {
        source.insert(0, lines.get(j).strip() + "\n");
      }
      sources.put(section + " " + line.strip(), source.toString());
    }
    return sources;
  }

  /** Edges whose comment is missing or does not say whether a vendor states it. */
  private static List<String> unsourced(Map<String, String> sources) {
    List<String> unsourced = new ArrayList<>();
    sources.forEach(
        (edge, source) -> {
          if (!source.contains("vendor") && !source.contains("reporting")) {
            unsourced.add(edge);
          }
        });
    return unsourced;
  }

  @Test
  void everyShippedEdgeSaysWhereItsSourceIsAndWhatKindOfSourceItIs() throws Exception {
    String text;
    try (InputStream in = DependencyGraphTest.class.getResourceAsStream("/dependencies.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String> sources = edgeSources(text);

    assertThat(sources).as("edge lines found in the bundled file").hasSizeGreaterThanOrEqualTo(40);
    assertThat(sources).containsKeys("dependencies: slack: [aws]", "components: Workers KV: [gcp]");
    assertThat(unsourced(sources))
        .as("edges without a comment naming their source as vendor-stated or reporting only")
        .isEmpty();
  }

  @Test
  void theSourceCheckFindsAnEdgeWithoutOne() {
    String text =
        """
        # vendor: a header comment is not a source for an edge below a blank line

        dependencies:
          # vendor: Example Co. engineering blog (2024): runs on AWS
          a: [aws]

          b: [gcp]
          c: [azure]  # reporting only: listed down in a news story
        components:
          a:
            Widgets: [aws]
        aliases:
          aws: [AWS]
        """;

    assertThat(edgeSources(text)).hasSize(4);
    assertThat(unsourced(edgeSources(text)))
        .containsExactly("dependencies: b: [gcp]", "components: Widgets: [aws]");
  }

  @Test
  void namesWhatIsWrongWithABadFile() {
    assertThatThrownBy(() -> yaml("upstreams: {a: [b]}"))
        .hasMessageContaining("top-level 'dependencies'");
    assertThatThrownBy(() -> yaml("dependencies: {a: b}"))
        .hasMessageContaining("upstreams of 'a' must be a list");
    assertThatThrownBy(() -> yaml("dependencies: {}\ncomponents: {cloudflare: [gcp]}"))
        .hasMessageContaining("components of 'cloudflare'");
  }

  @Test
  void spotsIncidentsThatBlameAnUnnamedUpstream() {
    assertThat(
            DependencyGraph.blamesUnnamedUpstream(
                incident("x", "Degraded performance from a third-party provider")))
        .isTrue();
    assertThat(DependencyGraph.blamesUnnamedUpstream(incident("x", "Degraded performance")))
        .isFalse();
  }
}
