package dev.tandem.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code comments cite the design as built, {@code docs/design.md}, by section ("design §5"): every
 * section cited exists, and nothing cites a design document outside the repository.
 */
class DesignReferencesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern CITED = Pattern.compile("design §(\\d+)");

  /**
   * The starting design, which lives outside the repository (spelled in two parts so this file does
   * not cite it).
   */
  private static final String OUTSIDE = "DES" + "IGN";

  private static final Pattern SECTION = Pattern.compile("(?m)^## §(\\d+) ");

  @Test
  void everySectionCitedExistsAndNoCommentCitesADocumentOutsideTheRepository() throws IOException {
    Set<String> sections = new TreeSet<>();
    Matcher headings = SECTION.matcher(Files.readString(ROOT.resolve("docs/design.md")));
    while (headings.find()) {
      sections.add(headings.group(1));
    }
    assertThat(sections).as("sections of docs/design.md").contains("1", "2", "5", "7");

    Set<String> cited = new TreeSet<>();
    List<String> outside = new java.util.ArrayList<>();
    for (Path source : sources()) {
      String text = Files.readString(source);
      Matcher m = CITED.matcher(text);
      while (m.find()) {
        cited.add(m.group(1));
      }
      if (text.contains(OUTSIDE + " §") || text.contains(OUTSIDE + ".md")) {
        outside.add(ROOT.relativize(source).toString());
      }
    }
    assertThat(cited).as("sections cited in code").isNotEmpty();
    assertThat(sections).containsAll(cited);
    assertThat(outside).as("files citing a design document outside the repository").isEmpty();
  }

  private static List<Path> sources() throws IOException {
    List<Path> files = new java.util.ArrayList<>();
    for (String module : List.of("schemas/src", "streams/src", "bench/src")) {
      Path dir = ROOT.resolve(module);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
      }
    }
    return files;
  }
}
