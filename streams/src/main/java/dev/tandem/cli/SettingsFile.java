package dev.tandem.cli;

import dev.tandem.pipeline.TandemConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}, the same for every command that reads settings: a properties file in
 * Kafka's names plus Tandem's own {@code tandem.*} settings, under the {@code TANDEM_*} environment
 * variables and the command's flags.
 */
final class SettingsFile {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file: Kafka client and Streams properties in Kafka's names, and tandem.* settings"
              + " (README, Settings). Environment variables TANDEM_<NAME> override it, flags override both.")
  Path file;

  /**
   * Kafka tools' name for a client properties file, which publish and collect took before {@code
   * --config} meant the same for every command; kept for one release.
   */
  @Option(names = "--command-config", paramLabel = "FILE", hidden = true)
  Path commandConfig;

  /** The file's settings, then the environment's, then these flags (null values are skipped). */
  TandemConfig load(Map<String, String> flags) throws IOException {
    Path settings = file;
    if (commandConfig != null) {
      if (file != null) {
        throw new ParameterException(
            command.commandLine(), "give --config FILE, not both --config and --command-config");
      }
      command
          .commandLine()
          .getErr()
          .println(
              "tandem: --command-config is deprecated and goes in the next release; use --config "
                  + commandConfig);
      settings = commandConfig;
    }
    return TandemConfig.load(settings, System.getenv(), flags);
  }
}
