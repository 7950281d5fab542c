package dev.tandem.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed start quotes the end of the child's log, where the reason usually is. */
class LogTailTest {

  @TempDir Path dir;

  @Test
  void quotesOnlyTheLastLines() throws IOException {
    Path log = Files.writeString(dir.resolve("registry.log"), "one\ntwo\nthree\nfour\n");

    assertThat(LogTail.of(log, 2)).isEqualTo("three" + System.lineSeparator() + "four");
  }

  @Test
  void saysSoWhenThereIsNoLog() {
    assertThat(LogTail.of(dir.resolve("registry.log"), 30))
        .contains("no log at")
        .contains("registry.log");
  }
}
