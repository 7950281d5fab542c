package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvidersFileTest {

  @Test
  void shipsAtLeastFortyRealProvidersWithUniqueIdsKnownFormatsAndHttps() {
    List<StatusPageSource> providers = ProvidersFile.bundled();

    assertThat(providers).hasSizeGreaterThanOrEqualTo(40);
    assertThat(providers).extracting(StatusPageSource::id).doesNotHaveDuplicates();
    assertThat(providers)
        .allSatisfy(
            p -> {
              assertThat(StatusPageSource.FORMATS).contains(p.format());
              assertThat(p.url().getScheme()).as(p.id()).isEqualTo("https");
              assertThat(p.interval()).isEqualTo(Duration.ofSeconds(60));
            });
    assertThat(providers)
        .extracting(StatusPageSource::id)
        .contains(
            "aws",
            "gcp",
            "azure",
            "cloudflare",
            "fastly",
            "akamai",
            "github",
            "openai",
            "anthropic",
            "slack",
            "discord");
  }

  @Test
  void usesTheProviderIdsOfTheDependencyGraph() throws Exception {
    Set<String> dependencyIds = new HashSet<>();
    try (InputStream in = getClass().getResourceAsStream("/dependencies.yaml")) {
      var root = new ObjectMapper(new YAMLFactory()).readTree(in);
      root.path("dependencies")
          .fields()
          .forEachRemaining(
              e -> {
                dependencyIds.add(e.getKey());
                e.getValue().forEach(upstream -> dependencyIds.add(upstream.asText()));
              });
    }
    List<String> shipped = ProvidersFile.bundled().stream().map(StatusPageSource::id).toList();

    // Every upstream and most dependents of the graph should be polled under the graph's own id.
    assertThat(shipped).contains("aws", "gcp", "azure", "cloudflare", "fastly", "akamai");
    assertThat(shipped.stream().filter(dependencyIds::contains).count()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void everyShippedEntrySaysWhereItWasConfirmedAndWhatKindOfServiceItIs() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream(ProvidersFile.BUNDLED)) {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    assertThat(root.path("providers"))
        .allSatisfy(
            entry ->
                assertThat(entry.path("source").asText())
                    .as(entry.path("id").asText() + " source")
                    .isNotBlank());
    assertThat(ProvidersFile.bundled())
        .allSatisfy(p -> assertThat(p.tags()).as(p.id() + " tags").isNotEmpty());
    assertThat(ProvidersFile.bundled())
        .filteredOn(p -> p.id().equals("fastly"))
        .singleElement()
        .satisfies(p -> assertThat(p.tags()).contains("cdn"));
  }

  @Test
  void readsTagsAndAcceptsASourceButNoOtherKey() {
    List<StatusPageSource> sources =
        ProvidersFile.parse(
            """
        providers:
          - id: cloudflare
            url: https://www.cloudflarestatus.com/api/v2/incidents.json
            format: statuspage
            tags: [cdn, dns]
            source: https://www.cloudflarestatus.com/api
          - id: gcp
            url: https://status.cloud.google.com/incidents.json
            format: gcp
        """,
            "test.yaml");
    assertThat(sources)
        .extracting(StatusPageSource::tags)
        .containsExactly(List.of("cdn", "dns"), List.of());

    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    "providers:\n  - {id: x, url: \"https://a.example/\", format: tandem, tag: cdn}\n",
                    "f.yaml"))
        .hasMessage(
            "f.yaml provider #1 (x): unknown key tag (an entry has id, url, format, interval, tags,"
                + " source)");
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    "providers:\n  - {id: x, url: \"https://a.example/\", format: tandem, tags: [cnd]}\n",
                    "f.yaml"))
        .hasMessageStartingWith("f.yaml provider #1 (x): tags must be among cloud, cdn,")
        .hasMessageEndingWith("not 'cnd'");
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    "providers:\n  - {id: x, url: \"https://a.example/\", format: tandem, tags: cdn}\n",
                    "f.yaml"))
        .hasMessage("f.yaml provider #1 (x): 'tags' must be a list such as [cdn, dns]");
  }

  @Test
  void readsIntervalsAndDefaults() {
    List<StatusPageSource> sources =
        ProvidersFile.parse(
            """
        defaults:
          interval: 2m
        providers:
          - id: github
            url: https://www.githubstatus.com/api/v2/incidents.json
            format: statuspage
          - id: gcp
            url: https://status.cloud.google.com/incidents.json
            format: gcp
            interval: 90s
        """,
            "test.yaml");

    assertThat(sources)
        .extracting(StatusPageSource::interval)
        .containsExactly(Duration.ofMinutes(2), Duration.ofSeconds(90));
  }

  @Test
  void namesTheEntryWithAnUnknownFormat() {
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    """
        providers:
          - id: github
            url: https://www.githubstatus.com/api/v2/incidents.json
            format: statuspage
          - id: discord
            url: https://discordstatus.com/api/v2/incidents.json
            format: statuspag
        """,
                    "mine.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mine.yaml provider #2 (discord): format must be one of")
        .hasMessageContaining("not 'statuspag'");
  }

  @Test
  void namesTheEntryWithAMissingUrlABadIdOrADuplicate() {
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    "providers:\n  - id: github\n    format: statuspage\n", "f.yaml"))
        .hasMessage("f.yaml provider #1 (github): 'url' is missing");
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    "providers:\n  - id: GitHub\n    url: https://x.example/\n    format: statuspage\n",
                    "f.yaml"))
        .hasMessageContaining("f.yaml provider #1 (GitHub): provider id must be a lower-case slug");
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    """
        providers:
          - {id: x, url: "https://a.example/", format: tandem}
          - {id: x, url: "https://b.example/", format: tandem}
        """,
                    "f.yaml"))
        .hasMessage("f.yaml provider #2 (x): id 'x' is listed twice");
    assertThatThrownBy(
            () ->
                ProvidersFile.parse(
                    "providers:\n  - {id: x, url: \"https://a.example/\", format: tandem, interval: soon}\n",
                    "f.yaml"))
        .hasMessageContaining(
            "f.yaml provider #1 (x) interval: expected a duration such as 60s or 2m");
  }

  @Test
  void rejectsAFileThatIsNotYamlOrHasNoProviders() {
    assertThatThrownBy(() -> ProvidersFile.parse("providers: [unclosed", "f.yaml"))
        .hasMessageStartingWith("f.yaml is not valid YAML");
    assertThatThrownBy(() -> ProvidersFile.parse("other: 1\n", "f.yaml"))
        .hasMessage("f.yaml needs a 'providers:' list");
  }
}
