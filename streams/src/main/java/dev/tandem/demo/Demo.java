package dev.tandem.demo;

import dev.tandem.alert.OutageJson;
import dev.tandem.collect.Collector;
import dev.tandem.collect.PollPolicy;
import dev.tandem.collect.StatusPageSource;
import dev.tandem.contract.Incident;
import dev.tandem.embedded.EmbeddedStack;
import dev.tandem.pipeline.TandemApp;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.raw.RawStatus;
import dev.tandem.registry.RestSchemaRegistryClient;
import dev.tandem.registry.SchemaRegistryClient;
import dev.tandem.scenario.Scenario;
import dev.tandem.serde.SpecificAvroDeserializer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo end to end: an in-process broker, Apicurio beside it, the pipeline, the scenarios
 * replayed, and what Tandem concluded printed on stdout.
 */
public final class Demo {

  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  /** The replay fails only when the pipeline commits nothing new for this long. */
  private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

  private final PrintWriter out;
  private final boolean json;
  private final boolean incidents;

  public Demo(PrintWriter out, boolean json, boolean incidents) {
    this.out = out;
    this.json = json;
    this.incidents = incidents;
  }

  /**
   * What {@code demo --serve} does once the replay is done, while the broker, the registry and the
   * pipeline are still up: it returns when they should stop.
   */
  @FunctionalInterface
  public interface WhileUp {
    void serve(KafkaStreams streams, TandemConfig config) throws Exception;
  }

  public void run(List<Scenario> scenarios) throws Exception {
    run(scenarios, null);
  }

  /**
   * @param whileUp run after the replay with everything still up, or null to stop at once
   */
  public void run(List<Scenario> scenarios, WhileUp whileUp) throws Exception {
    Path stateDir = Files.createTempDirectory("tandem-demo-state");
    try (EmbeddedStack stack = new EmbeddedStack().start()) {
      TandemConfig config =
          TandemConfig.load(
              null,
              Map.of(),
              Map.of(
                  "bootstrap.servers", stack.bootstrapServers(),
                  "schema.registry.url", stack.registryUrl(),
                  "application.id", "tandem-demo",
                  "state.dir", stateDir.toString(),
                  "tandem.topic.partitions", "1"));
      try (TandemApp app = TandemApp.start(config, Duration.ofMinutes(1));
          SchemaRegistryClient client =
              RestSchemaRegistryClient.fromConfigs(config.registryConfig());
          SpecificAvroDeserializer<Incident> incidentReader =
              new SpecificAvroDeserializer<>(Incident.class, client)) {
        incidentReader.configure(config.registryConfig(), false);
        ScenarioReplay replay =
            new ScenarioReplay(
                stack.bootstrapServers(), config.topics(), app.applicationId(), incidentReader);
        List<RawStatus> records = new ArrayList<>(Scenario.records(scenarios));
        int replayed = records.size();
        // Collected last: the pipeline holds incidents for correlation relative to the newest event
        // time it has seen, and a page of 2024 read before the 2021 scenario would age it out.
        records.addAll(collectFromLocalStatusPage());
        log.info(
            "replaying {} records from {} scenarios and the collected page",
            records.size(),
            scenarios.size());
        LiveOutputs result = replay.replay(records, STALL_TIMEOUT, this::print);
        if (incidents) {
          result.incidents().forEach(this::print);
        }
        if (!json) {
          long outages =
              result.outageChanges().stream()
                  .map(LiveOutputs.PublishedOutage::id)
                  .distinct()
                  .count();
          out.printf(
              "replayed %d records from %d scenarios and %d collected page: %d incidents tracked, %s%n",
              replayed,
              scenarios.size(),
              records.size() - replayed,
              result.incidents().size(),
              outages == 0
                  ? "no correlated outage"
                  : outages + " correlated outage" + (outages == 1 ? "" : "s"));
        }
        out.flush();
        if (whileUp != null) {
          whileUp.serve(app.streams(), config);
        }
      }
    } finally {
      deleteQuietly(stateDir);
    }
  }

  /** The collector at work: one provider polled from a status page served on this machine. */
  private List<RawStatus> collectFromLocalStatusPage() {
    List<RawStatus> collected = new ArrayList<>();
    try (LocalStatusPage page = new LocalStatusPage();
        Collector collector =
            new Collector(
                List.of(
                    new StatusPageSource(
                        "github", page.url(), "statuspage", Duration.ofSeconds(60))),
                collected::add,
                PollPolicy.DEFAULT,
                Clock.systemUTC())) {
      String outcome =
          collector.pollOnce().get(0).outcome().name().toLowerCase(java.util.Locale.ROOT);
      log.info("collected github (statuspage) from {}: {}", page.url(), outcome);
      if (!json) {
        out.println("collected github (statuspage) from " + page.url() + ": " + outcome);
      }
    }
    return collected;
  }

  private void print(LiveOutputs.PublishedOutage change) {
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
      out.printf(
          "incident %s/%s  %s  %s  started %s  resolved %s  %d components  %s%n",
          incident.getProvider(),
          incident.getIncidentId(),
          incident.getStatus(),
          incident.getImpact(),
          incident.getStartedAt(),
          incident.getResolvedAt() == null ? "-" : incident.getResolvedAt(),
          incident.getComponents().size(),
          incident.getTitle());
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (java.io.IOException e) {
      log.debug("could not delete {}", dir, e);
    }
  }
}
