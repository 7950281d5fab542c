package dev.tandem.bench;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How every bench runs its flags: a bad flag is one line naming it and exit code 2, a failure is
 * one line and the stack trace (a bench is run by developers, who want the trace) and exit code 1.
 */
final class BenchCommandLine {

  private BenchCommandLine() {}

  static int run(Object command, String name, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = new CommandLine(command);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (ex, given) -> {
          ex.getCommandLine().getErr().println(name + ": " + ex.getMessage() + " (see --help)");
          ex.getCommandLine().getErr().flush();
          return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          c.getErr().println(name + ": failed: " + ex);
          ex.printStackTrace(c.getErr());
          c.getErr().flush();
          return 1;
        });
    return cmd.execute(args);
  }
}
