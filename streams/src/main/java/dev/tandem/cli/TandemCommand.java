package dev.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tandem} command line: one picocli command per way of running Tandem. Flags follow
 * Kafka's own vocabulary ({@code --bootstrap-servers}, {@code --schema-registry-url}, {@code
 * --topic}).
 */
@Command(
    name = "tandem",
    mixinStandardHelpOptions = true,
    versionProvider = TandemVersion.class,
    description =
        "Tells you when several cloud and SaaS providers are failing together, and which upstream most likely caused it.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      BrokerCommand.class,
      PublishCommand.class,
      CollectCommand.class,
      EvaluateCommand.class,
      SimulateCommand.class,
      ExplainCommand.class,
      ResetCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TandemCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Given before or after the subcommand's name; applied as soon as it is read. */
  @CommandLine.Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Log lines on stderr as text (default) or json, one JSON object per line.")
  void logFormat(LogFormat format) {
    format.apply();
  }

  @Override
  public void run() {
    // `tandem` alone is a question, not an error: show what it can do.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new TandemCommand())
        .setParameterExceptionHandler(new OneLineUsageError())
        .setExecutionExceptionHandler(new OneLineFailure());
  }
}
