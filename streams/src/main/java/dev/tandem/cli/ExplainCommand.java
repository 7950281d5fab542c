package dev.tandem.cli;

import dev.tandem.alert.OutageRecords;
import dev.tandem.contract.Incident;
import dev.tandem.correlate.Explainer;
import dev.tandem.correlate.ProviderIncident;
import dev.tandem.evaluate.OfflineReplay;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TopicSnapshot;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.scenario.Scenario;
import dev.tandem.serde.SpecificAvroDeserializer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem explain PROVIDER AT}: why a provider's trouble at a moment was, or was not, linked
 * to other providers. Reads the incidents from a running pipeline's topic, or replays scenarios.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains why PROVIDER's episode at AT was or was not linked to other providers: the nearest other episodes,"
          + " their distances, the window that applied, the chance of a coincidence.",
      "Incidents come from the tandem.incidents topic of a running pipeline (--bootstrap-servers), or from replaying"
          + " scenario files (--scenarios DIR; the bundled scenarios when neither is given)."
    })
final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PROVIDER", description = "Provider id, e.g. openai.")
  String provider;

  @Parameters(
      index = "1",
      paramLabel = "AT",
      description = "A moment in UTC, e.g. 2024-12-11T23:30:00Z or 2024-12-11T23:30.")
  String at;

  @Option(
      names = "--scenarios",
      paramLabel = "DIR",
      description = "Replay the *.jsonl scenario files of DIR.")
  Path scenariosDir;

  @Mixin ClusterOptions cluster;

  @Mixin RegistryOption registry;

  @Option(
      names = "--dependencies",
      paramLabel = "FILE",
      description = "YAML dependency graph replacing the shipped one.")
  Path dependencies;

  @Override
  public Integer call() throws Exception {
    Instant moment = parseMoment();
    Map<String, String> flags = new LinkedHashMap<>();
    registry.addTo(flags);
    flags.put("tandem.dependencies", dependencies == null ? null : dependencies.toString());
    TandemConfig config = cluster.load(flags);
    // Brokers from a flag, the file or the environment mean a cluster, unless --scenarios asks
    // for scenarios.
    boolean brokersGiven = config.values().containsKey("bootstrap.servers");
    if (cluster.bootstrapServers != null && scenariosDir != null) {
      throw new ParameterException(
          spec.commandLine(),
          "give either --scenarios or a cluster (--bootstrap-servers), not both");
    }
    boolean fromCluster = brokersGiven && scenariosDir == null;
    Collection<ProviderIncident> incidents =
        fromCluster ? fromCluster(config) : fromScenarios(config);
    Explainer explainer = new Explainer(config.correlation(), config.dependencies());
    explainer
        .explain(incidents, provider.toLowerCase(Locale.ROOT), moment)
        .forEach(spec.commandLine().getOut()::println);
    return 0;
  }

  private Collection<ProviderIncident> fromScenarios(TandemConfig config) throws Exception {
    List<Scenario> scenarios =
        scenariosDir == null ? Scenario.bundled() : Scenario.fromDirectory(scenariosDir);
    OfflineReplay replay =
        new OfflineReplay(config.correlation(), config.dependencies(), config.dedupeRetention());
    return replay.replay(Scenario.records(scenarios)).incidents().values().stream()
        .map(OutageRecords::toProviderIncident)
        .toList();
  }

  private Collection<ProviderIncident> fromCluster(TandemConfig config) {
    Properties props = ClusterOptions.clientProperties(config);
    ClusterOptions.checkBrokers(config);
    try (SchemaRegistryClient client =
            RestSchemaRegistryClient.fromConfigs(config.registryConfig());
        SpecificAvroDeserializer<Incident> values =
            new SpecificAvroDeserializer<>(Incident.class, client)) {
      values.configure(config.registryConfig(), false);
      Map<String, ProviderIncident> latest = new LinkedHashMap<>();
      for (ConsumerRecord<String, Incident> r :
          TopicSnapshot.read(props, config.topics().incidents(), values)) {
        if (r.value() == null) {
          latest.remove(r.key());
        } else {
          latest.put(r.key(), OutageRecords.toProviderIncident(r.value()));
        }
      }
      return latest.values();
    }
  }

  private Instant parseMoment() {
    try {
      return OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(at).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new ParameterException(
            spec.commandLine(),
            "Invalid value for AT: '"
                + at
                + "' (expected an ISO-8601 time such as 2024-12-11T23:30:00Z)");
      }
    }
  }
}
