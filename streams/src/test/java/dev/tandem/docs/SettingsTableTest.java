package dev.tandem.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pipeline.TandemSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * README's settings table is the declarations' own rendering, so the two cannot drift. To
 * regenerate it: {@code mvn -o test -pl streams -Dtest=SettingsTableTest
 * -Dtandem.readme.update=true}.
 */
class SettingsTableTest {

  private static final Path README =
      Path.of("..").toAbsolutePath().normalize().resolve("README.md");
  private static final String START =
      "<!-- settings: generated from TandemSettings.markdownTable() -->\n";
  private static final String END = "<!-- /settings -->";

  @Test
  void readmeListsEverySettingAsDeclared() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("README holds the settings markers").isNotNegative();
    assertThat(end).isGreaterThan(start);
    String table = TandemSettings.markdownTable();
    String written = readme.substring(start + START.length(), end);
    if (!written.equals(table) && Boolean.getBoolean("tandem.readme.update")) {
      Files.writeString(
          README,
          readme.substring(0, start + START.length()) + table + readme.substring(end),
          StandardCharsets.UTF_8);
      written = table;
    }
    assertThat(written)
        .as("README's settings table; regenerate with -Dtandem.readme.update=true")
        .isEqualTo(table);
  }
}
