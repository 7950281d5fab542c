package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Set<String> dependencyIds = dependencyGraphIds();
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

  /** {@code https://HOST/proxy/HOST}: incident.io's widget JSON, read on the page's own host. */
  private static final Pattern INCIDENTIO_PROXY = Pattern.compile("https://([^/]+)/proxy/([^/]+)");

  @Test
  void theCatalogHasAtLeastTwoHundredPagesEachWithASlugIdASourceAndATag() throws Exception {
    List<StatusPageSource> providers = ProvidersFile.bundled();
    JsonNode entries = bundledTree().path("providers");

    assertThat(providers).hasSizeGreaterThanOrEqualTo(200);
    assertThat(providers)
        .extracting(StatusPageSource::id)
        .doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[a-z0-9][a-z0-9-]*"));
    assertThat(entries).hasSize(providers.size());
    assertThat(entries)
        .allSatisfy(
            entry -> {
              String id = entry.path("id").asText();
              assertThat(entry.path("source").isTextual()).as(id + " source").isTrue();
              assertThat(entry.path("source").asText()).as(id + " source").isNotBlank();
            });
    assertThat(providers).allSatisfy(p -> assertThat(p.tags()).as(p.id() + " tags").isNotEmpty());
  }

  @Test
  void noTwoEntriesShareAUrlAndEveryUrlIsHttpsInTheShapeOfItsFormat() {
    List<StatusPageSource> providers = ProvidersFile.bundled();

    assertThat(providers).extracting(p -> p.url().toString()).as("urls").doesNotHaveDuplicates();
    assertThat(providers)
        .allSatisfy(
            p -> {
              String url = p.url().toString();
              assertThat(p.url().getScheme()).as(p.id()).isEqualTo("https");
              if (p.format().equals("statuspage")) {
                assertThat(url).as(p.id()).endsWith("/api/v2/incidents.json");
              }
              if (p.format().equals("incidentio")) {
                Matcher m = INCIDENTIO_PROXY.matcher(url);
                assertThat(m.matches()).as(p.id() + ": " + url + " is https://H/proxy/H").isTrue();
                assertThat(m.group(2)).as(p.id() + " proxy host").isEqualTo(m.group(1));
              }
            });
  }

  @Test
  void aCatalogIdNamingAProviderOfTheDependencyGraphIsSpelledAsTheGraphSpellsIt() throws Exception {
    Map<String, String> dependencyIdsByKey = new HashMap<>();
    for (String id : dependencyGraphIds()) {
      dependencyIdsByKey.put(key(id), id);
    }

    List<String> misspelled = new ArrayList<>();
    for (StatusPageSource p : ProvidersFile.bundled()) {
      String graphId = dependencyIdsByKey.get(key(p.id()));
      if (graphId != null && !graphId.equals(p.id())) {
        misspelled.add(p.id() + " (dependencies.yaml: " + graphId + ")");
      }
    }
    assertThat(misspelled).as("catalog ids spelled unlike dependencies.yaml").isEmpty();
    // The check bites: the graph's ids that the catalog polls are found under the same key.
    assertThat(dependencyIdsByKey).containsEntry(key("microsoft-365"), "microsoft365");
    assertThat(ProvidersFile.bundled())
        .extracting(StatusPageSource::id)
        .contains("microsoft365", "perplexity", "twitch");
  }

  /** Every id the bundled dependencies.yaml names, as a dependent or as an upstream. */
  private static Set<String> dependencyGraphIds() throws java.io.IOException {
    Set<String> ids = new HashSet<>();
    try (InputStream in = ProvidersFileTest.class.getResourceAsStream("/dependencies.yaml")) {
      var root = new ObjectMapper(new YAMLFactory()).readTree(in);
      root.path("dependencies")
          .fields()
          .forEachRemaining(
              e -> {
                ids.add(e.getKey());
                e.getValue().forEach(upstream -> ids.add(upstream.asText()));
              });
    }
    return ids;
  }

  /**
   * An id with case and punctuation dropped: {@code Microsoft-365} and {@code microsoft365} meet.
   */
  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private JsonNode bundledTree() throws Exception {
    try (InputStream in = getClass().getResourceAsStream(ProvidersFile.BUNDLED)) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
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
