package dev.tandem.testing;

import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the {@code tandem} command line in this JVM and keeps what it printed on stdout and stderr.
 */
public final class CommandLineRun {

  public final StringWriter out = new StringWriter();
  public final StringWriter err = new StringWriter();

  /**
   * @return the exit code
   */
  public int execute(String... args) {
    return TandemCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
