package dev.tandem.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a child process's log, quoted in errors so a failed start explains itself. */
final class LogTail {

  private LogTail() {}

  static String of(Path log, int lines) {
    if (!Files.isRegularFile(log)) {
      return "(no log at " + log + ")";
    }
    Deque<String> last = new ArrayDeque<>(lines);
    // Decoding leniently: a half-written last line must not hide the lines before it.
    try (Stream<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()) {
      all.forEach(
          line -> {
            if (last.size() == lines) {
              last.removeFirst();
            }
            last.addLast(line);
          });
    } catch (IOException e) {
      return "(could not read " + log + ": " + e.getMessage() + ")";
    }
    return last.isEmpty()
        ? "(log " + log + " is empty)"
        : String.join(System.lineSeparator(), last);
  }
}
