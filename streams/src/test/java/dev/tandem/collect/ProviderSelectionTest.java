package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.collect.FixtureServer.Reply;
import dev.tandem.testing.CommandLineRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collect --only} and {@code --tags}: which entries of a providers file are watched. */
class ProviderSelectionTest {

  private static final List<StatusPageSource> FILE =
      List.of(
          entry("aws", "cloud"),
          entry("cloudflare", "cdn", "dns"),
          entry("fastly", "cdn"),
          entry("openai", "ai"),
          entry("github", "devplatform", "cicd"));

  @Test
  void tagsSelectEntriesHavingAnyOfThemInTheFilesOrder() {
    assertThat(new ProviderSelection(null, List.of("ai", "cdn")).of(FILE))
        .extracting(StatusPageSource::id)
        .containsExactly("cloudflare", "fastly", "openai");
  }

  @Test
  void onlyAndTagsTogetherSelectTheEntriesPassingBoth() {
    assertThat(new ProviderSelection(List.of("aws", "fastly", "github"), List.of("cdn")).of(FILE))
        .extracting(StatusPageSource::id)
        .containsExactly("fastly");
    assertThat(ProviderSelection.ALL.of(FILE)).isEqualTo(FILE);
  }

  @Test
  void anUnknownTagIsAnErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> new ProviderSelection(null, List.of("cdn", "cnd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--tags names unknown tags: cnd (known: cloud, cdn, dns, ai, identity, payments, cicd,"
                + " observability, messaging, email, devplatform, collaboration, saas, security,"
                + " database)");
  }

  @Test
  void aSelectionThatMatchesNothingIsAnError() {
    assertThatThrownBy(() -> new ProviderSelection(List.of("aws"), List.of("ai")).of(FILE))
        .hasMessage("no provider of the file matches --only aws --tags ai");
  }

  @Test
  void collectCheckKeepsToTheTaggedEntries(@TempDir Path dir) throws Exception {
    try (FixtureServer page = new FixtureServer()) {
      page.then(Reply.ok("statuspage/github-incidents-2024-09-16.json"));
      Path providers =
          Files.writeString(
              dir.resolve("providers.yaml"),
              String.join(
                  "\n",
                  "providers:",
                  "  - id: fastly",
                  "    url: " + page.url("/api/v2/incidents.json"),
                  "    format: statuspage",
                  "    tags: [cdn]",
                  "    source: a test fixture",
                  "  - id: openai",
                  "    url: " + page.url("/never-fetched.json"),
                  "    format: statuspage",
                  "    tags: [ai]",
                  ""));
      CommandLineRun collect = new CommandLineRun();

      int exit =
          collect.execute(
              "collect", "--check", "--providers", providers.toString(), "--tags", "cdn");

      assertThat(exit).as(collect.err.toString()).isZero();
      List<String> lines = collect.out.toString().lines().toList();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(1)).startsWith("fastly");
      assertThat(lines.get(2)).isEqualTo("1 of 1 pages pass");

      CommandLineRun typo = new CommandLineRun();
      assertThat(
              typo.execute(
                  "collect", "--check", "--providers", providers.toString(), "--tags", "cdns"))
          .isEqualTo(1);
      assertThat(typo.err.toString().strip())
          .startsWith("tandem: --tags names unknown tags: cdns (known: cloud, cdn,");
    }
  }

  private static StatusPageSource entry(String id, String... tags) {
    return new StatusPageSource(
        id,
        URI.create("https://" + id + ".example/api/v2/incidents.json"),
        "statuspage",
        Duration.ofMinutes(1),
        List.of(tags));
  }
}
