package dev.tandem.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.testing.CommandLineRun;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code watch:} list in a user's providers file: entries of the bundled catalog picked by id,
 * with the file's own entries added or replacing the catalog's.
 */
class WatchListTest {

  private static final List<StatusPageSource> CATALOG =
      List.of(
          entry("aws", "https://status.aws.example/rss", "rss"),
          entry("cloudflare", "https://cloudflare.example/api/v2/incidents.json", "statuspage"),
          entry("github", "https://github.example/api/v2/incidents.json", "statuspage"),
          entry("openai", "https://openai.example/proxy/openai.example", "incidentio"));

  @Test
  void watchPicksCatalogEntriesInTheCatalogsOrder() {
    List<StatusPageSource> polled = parse("watch: [openai, cloudflare]");

    assertThat(polled).extracting(StatusPageSource::id).containsExactly("cloudflare", "openai");
    assertThat(polled.get(0)).isEqualTo(CATALOG.get(1));
  }

  @Test
  void theFilesOwnEntriesAreAddedAndReplaceTheCatalogsOfTheSameId() {
    List<StatusPageSource> polled =
        parse(
            String.join(
                "\n",
                "watch: [aws, github]",
                "providers:",
                "  - id: github",
                "    url: https://github.mirror.example/api/v2/incidents.json",
                "    format: statuspage",
                "    interval: 5m",
                "  - id: internal-api",
                "    url: https://status.internal.example/history.atom",
                "    format: atom",
                ""));

    assertThat(polled)
        .extracting(StatusPageSource::id)
        .containsExactly("aws", "github", "internal-api");
    StatusPageSource github = polled.get(1);
    assertThat(github.url())
        .isEqualTo(URI.create("https://github.mirror.example/api/v2/incidents.json"));
    assertThat(github.interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void anIdNeitherTheCatalogNorTheFileHasIsAnErrorNamingIt() {
    assertThatThrownBy(() -> parse("watch: [cloudflare, githbu, opneai]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "mine.yaml: watch names ids that neither the bundled catalog nor the file has:"
                + " githbu, opneai (tandem collect --list shows the catalog)");
  }

  @Test
  void aWatchListMustBeAListOfIdsAndTopLevelTyposAreErrors() {
    assertThatThrownBy(() -> parse("watch: cloudflare"))
        .hasMessage("mine.yaml: 'watch' must be a list of ids such as [cloudflare, github]");
    assertThatThrownBy(() -> parse("watch: [{id: aws}]"))
        .hasMessageStartingWith("mine.yaml: watch lists ids, not '{");
    assertThatThrownBy(() -> parse("watch: []")).hasMessage("mine.yaml watches no providers");
    assertThatThrownBy(() -> parse("wacth: [aws]\nproviders: []"))
        .hasMessage(
            "mine.yaml: unknown key wacth (a providers file has providers, watch, defaults)");
    assertThatThrownBy(() -> parse("defaults: {interval: 60s}"))
        .hasMessage(
            "mine.yaml needs a 'providers:' list or a 'watch:' list of the bundled catalog's ids");
  }

  @Test
  void theBundledCatalogItselfCannotWatch() {
    assertThatThrownBy(() -> ProvidersFile.parse("watch: [aws]", "catalog.yaml"))
        .hasMessage("catalog.yaml: 'watch:' belongs in a user's file");
  }

  @Test
  void collectListShowsWhatAWatchListSelectsFromTheShippedCatalog(@TempDir Path dir)
      throws Exception {
    Path mine =
        Files.writeString(dir.resolve("mine.yaml"), "watch: [github, cloudflare, openai, aws]\n");
    CommandLineRun collect = new CommandLineRun();

    int exit =
        collect.execute("collect", "--list", "--providers", mine.toString(), "--tags", "cdn,ai");

    assertThat(exit).as(collect.err.toString()).isZero();
    List<String> lines = collect.out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("provider").contains("format", "tags", "status page");
    assertThat(lines.subList(1, lines.size() - 1))
        .extracting(line -> line.split("\\s+")[0])
        .containsExactlyInAnyOrder("cloudflare", "openai");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("2 providers");

    CommandLineRun typo = new CommandLineRun();
    Path wrong = Files.writeString(dir.resolve("wrong.yaml"), "watch: [cloudflar]\n");
    assertThat(typo.execute("collect", "--list", "--providers", wrong.toString())).isEqualTo(1);
    assertThat(typo.err.toString().strip())
        .isEqualTo(
            "tandem: "
                + wrong
                + ": watch names ids that neither the bundled catalog nor the file has: cloudflar"
                + " (tandem collect --list shows the catalog)");
  }

  @Test
  void collectListWithoutAFileShowsTheWholeCatalog() {
    CommandLineRun collect = new CommandLineRun();

    assertThat(collect.execute("collect", "--list")).isZero();

    List<String> lines = collect.out.toString().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(ProvidersFile.bundled().size() + " providers");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("fastly "));
  }

  private static List<StatusPageSource> parse(String yaml) {
    return ProvidersFile.parse(yaml, "mine.yaml", () -> CATALOG);
  }

  private static StatusPageSource entry(String id, String url, String format) {
    return new StatusPageSource(id, URI.create(url), format, Duration.ofMinutes(1), List.of());
  }
}
