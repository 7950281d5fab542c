package dev.tandem.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as its instructions, read the way the engine reads it: comments and blank lines
 * dropped, lines ending in a backslash joined to the next. Enough to check what the image is built
 * from and what it runs without an engine (there is none where Tandem's CI runs).
 */
record DockerfileInstructions(List<Instruction> all) {

  /** One instruction: its keyword in upper case and the rest of it as written. */
  record Instruction(String keyword, String arguments) {}

  static DockerfileInstructions parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String joined = pending.toString().strip();
      pending.setLength(0);
      if (joined.isEmpty()) {
        continue;
      }
      int space = joined.indexOf(' ');
      instructions.add(
          new Instruction(
              joined.substring(0, space < 0 ? joined.length() : space).toUpperCase(Locale.ROOT),
              space < 0 ? "" : joined.substring(space + 1).strip()));
    }
    return new DockerfileInstructions(List.copyOf(instructions));
  }

  List<Instruction> of(String keyword) {
    return all.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The instructions of the last stage: what the image that runs is made of. */
  DockerfileInstructions finalStage() {
    int lastFrom = -1;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    return new DockerfileInstructions(all.subList(lastFrom, all.size()));
  }
}
