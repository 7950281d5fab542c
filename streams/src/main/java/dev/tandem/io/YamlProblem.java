package dev.tandem.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML parse error in one line: where and what, e.g. {@code line 2, column 1: expected ',' or
 * ']', but got <stream end> (while parsing a flow sequence)}, instead of SnakeYAML's several lines
 * with a caret under the source.
 */
public final class YamlProblem {

  private YamlProblem() {}

  public static String describe(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked && marked.getProblem() != null) {
        Mark mark = marked.getProblemMark();
        String where =
            mark == null
                ? ""
                : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
        String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
        return where + marked.getProblem() + context;
      }
    }
    String message =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    String first = message.lines().findFirst().orElse("").strip();
    return e.getLocation() == null || e.getLocation().getLineNr() < 1
        ? first
        : "line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ": "
            + first;
  }
}
