package dev.tandem.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import dev.tandem.testing.CommandLineRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Secrets come from files or the environment, never from flags: a flag's value shows in {@code ps},
 * in shell history and in process listings of every user on the host.
 */
class NoSecretFlagsTest {

  @Test
  void noCommandTakesASecretAsAFlag() {
    List<String> flags = new ArrayList<>();
    collect(TandemCommand.commandLine(), flags);

    assertThat(flags)
        .isNotEmpty()
        .noneMatch(
            flag ->
                flag.matches(".*(password|passwd|secret|token|user-info|credential|jaas).*")
                    && !flag.endsWith("-file"));
  }

  @Test
  void theWebhookTokenComesFromAFileOrTheEnvironment() {
    CommandLineRun cli = new CommandLineRun();

    int code =
        cli.execute(
            "collect",
            "--bootstrap-servers",
            "127.0.0.1:9",
            "--webhook-port",
            "0",
            "--webhook-token",
            "s3cret");

    assertThat(code).isEqualTo(2);
    assertThat(cli.err.toString()).contains("Unknown options: '--webhook-token'");
  }

  private static void collect(CommandLine command, List<String> flags) {
    for (OptionSpec option : command.getCommandSpec().options()) {
      for (String name : option.names()) {
        flags.add(command.getCommandName() + " " + name);
      }
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, flags));
  }
}
