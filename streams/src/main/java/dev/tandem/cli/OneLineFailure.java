package dev.tandem.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure while a command runs (broker unreachable, file missing…) into one line on stderr
 * and exit code 1; the stack trace goes to the log at DEBUG for whoever needs it.
 */
final class OneLineFailure implements IExecutionExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(OneLineFailure.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    log.debug("{} failed", cmd.getCommandSpec().qualifiedName(), ex);
    // One line whatever the message holds: parsers and clients sometimes put newlines in theirs.
    cmd.getErr().println("tandem: " + describe(ex).replaceAll("\\s*\\R\\s*", " ").strip());
    cmd.getErr().flush();
    return 1;
  }

  static String describe(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException missing) {
      return "no such file: " + missing.getFile();
    }
    String message = ex.getMessage();
    // Wrapping exceptions often say nothing of their own: the innermost message is the useful one.
    Throwable cause = ex.getCause();
    if ((message == null
            || message.isBlank()
            || (cause != null && message.equals(cause.toString())))
        && cause != null) {
      return describe(cause);
    }
    return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
  }
}
