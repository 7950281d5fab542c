package dev.tandem.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --schema-registry-url}, for the commands that read or write Avro. */
final class RegistryOption {

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      description =
          "Confluent-compatible schema registry base URL (schema.registry.url, TANDEM_SCHEMA_REGISTRY_URL).")
  String url;

  /** Puts the flag, if given, among the flags. */
  void addTo(Map<String, String> flags) {
    flags.put("schema.registry.url", url);
  }
}
