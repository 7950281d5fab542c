package dev.tandem.demo;

import dev.tandem.alert.OutageJson;
import dev.tandem.contract.Incident;
import dev.tandem.embedded.EmbeddedKafkaBroker;
import dev.tandem.embedded.EmbeddedRegistry;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.scenario.Scenario;
import dev.tandem.serde.SpecificAvroDeserializer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo end to end: an in-process broker, Apicurio beside it, the pipeline, the scenarios
 * replayed, and what Tandem concluded printed on stdout.
 */
public final class Demo {

  private static final Logger log = LoggerFactory.getLogger(Demo.class);
  private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(3);

  private final PrintWriter out;
  private final boolean json;
  private final boolean incidents;

  public Demo(PrintWriter out, boolean json, boolean incidents) {
    this.out = out;
    this.json = json;
    this.incidents = incidents;
  }

  public void run(List<Scenario> scenarios) throws Exception {
    Path stateDir = Files.createTempDirectory("tandem-demo-state");
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(null, 0).start();
        EmbeddedRegistry registry = new EmbeddedRegistry(broker.bootstrapServers(), null, 0).start()) {
      TandemConfig config = TandemConfig.load(null, Map.of(), Map.of(
          "bootstrap.servers", broker.bootstrapServers(),
          "schema.registry.url", registry.url(),
          "application.id", "tandem-demo",
          "state.dir", stateDir.toString(),
          "tandem.topic.partitions", "1"));
      try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1));
          SchemaRegistryClient client = RestSchemaRegistryClient.fromConfigs(config.registryConfig());
          SpecificAvroDeserializer<Incident> incidentReader = new SpecificAvroDeserializer<>(Incident.class, client)) {
        incidentReader.configure(config.registryConfig(), false);
        ScenarioReplay replay = new ScenarioReplay(broker.bootstrapServers(), config.topics(), app.applicationId(), incidentReader);
        int records = scenarios.stream().mapToInt(s -> s.envelopes().size()).sum();
        log.info("replaying {} records from {} scenarios", records, scenarios.size());
        ReplayResult result = replay.replay(ScenarioReplay.records(scenarios), PROCESSING_TIMEOUT, this::print);
        if (incidents) {
          result.incidents().forEach(this::print);
        }
        if (!json) {
          long outages = result.outageChanges().stream().map(ReplayResult.PublishedOutage::id).distinct().count();
          out.printf("replayed %d records from %d scenarios: %d incidents tracked, %s%n", records, scenarios.size(),
              result.incidents().size(), outages == 0 ? "no correlated outage" : outages + " correlated outage" + (outages == 1 ? "" : "s"));
        }
        out.flush();
      }
    } finally {
      deleteQuietly(stateDir);
    }
  }

  private void print(ReplayResult.PublishedOutage change) {
    if (json) {
      out.println(change.json() == null ? OutageLine.retractionJson(change.id()) : change.json());
    } else {
      out.println(OutageLine.outage(change));
    }
  }

  private void print(Incident incident) {
    if (json) {
      out.println(OutageJson.toJson(incident));
    } else {
      out.printf("incident %s/%s  %s  %s  started %s  resolved %s  %d components  %s%n",
          incident.getProvider(), incident.getIncidentId(), incident.getStatus(), incident.getImpact(),
          incident.getStartedAt(), incident.getResolvedAt() == null ? "-" : incident.getResolvedAt(),
          incident.getComponents().size(), incident.getTitle());
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      log.debug("could not delete {}", dir, e);
    }
  }
}
