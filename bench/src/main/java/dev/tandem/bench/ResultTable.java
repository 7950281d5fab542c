package dev.tandem.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table, printed once its rows are in: the bench's output pastes as it is into
 * RESULTS.md, and the smoke test reads its rows back.
 */
final class ResultTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  ResultTable(String... header) {
    this.header = List.of(header);
  }

  ResultTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + header.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  void print(PrintWriter out) {
    out.println(line(header));
    out.println(line(header.stream().map(h -> "---").toList()));
    rows.forEach(r -> out.println(line(r)));
    out.flush();
  }

  private static String line(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |";
  }
}
