package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
