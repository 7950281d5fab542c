package dev.tandem.bench;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.OutageMember;
import dev.tandem.contract.OutageState;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.contract.SuspectedCause;
import dev.tandem.normalize.Normalizer;
import dev.tandem.normalize.ParseResult;
import dev.tandem.normalize.StatuspageAdapter;
import dev.tandem.raw.RawStatus;
import dev.tandem.registry.InMemorySchemaRegistryClient;
import dev.tandem.serde.SpecificAvroSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tandem's own Avro serde ({@link SpecificAvroSerde}, Confluent wire format: magic byte, schema id,
 * Avro binary) encoding and decoding each contract record: operations a second on one thread. The
 * serde is made and configured as the pipeline makes it (injected client, default settings: the
 * schema is registered on the first write, then its id is cached), on an {@link
 * InMemorySchemaRegistryClient}: no registry is involved once the id is known, so this measures the
 * serde alone. Each benchmark cycles through {@link #RECORDS} seeded records: StatusUpdates as the
 * Statuspage adapter makes them from a generated incidents.json, Incidents and CorrelatedOutages
 * built here with the fields the pipeline fills.
 *
 * <p>{@code java -jar bench/target/tandem-bench.jar SerdeBenchmark -p record=Incident}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SerdeBenchmark {

  static final int RECORDS = 64;

  /** The contract type, named by its Avro record name; each is written to its own topic. */
  @Param({"StatusUpdate", "Incident", "CorrelatedOutage"})
  public String record;

  private Serializer<SpecificRecord> serializer;
  private Deserializer<SpecificRecord> deserializer;
  private String topic;
  private SpecificRecord[] records;
  private byte[][] frames;

  /** Which record the next invocation takes. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    List<? extends SpecificRecord> made;
    Class<? extends SpecificRecord> type;
    switch (record) {
      case "StatusUpdate" -> {
        made = statusUpdates();
        type = StatusUpdate.class;
        topic = "tandem.status.updates";
      }
      case "Incident" -> {
        made = incidents(new SplittableRandom(42));
        type = Incident.class;
        topic = "tandem.incidents";
      }
      case "CorrelatedOutage" -> {
        made = outages(new SplittableRandom(42));
        type = CorrelatedOutage.class;
        topic = "tandem.outages";
      }
      default -> throw new IllegalArgumentException("unknown record " + record);
    }
    SpecificAvroSerde<SpecificRecord> serde =
        new SpecificAvroSerde<>((Class<SpecificRecord>) type, new InMemorySchemaRegistryClient());
    serde.configure(Map.of(), false);
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    records = made.toArray(new SpecificRecord[0]);
    frames = new byte[records.length][];
    long bytes = 0;
    for (int r = 0; r < records.length; r++) {
      frames[r] = serializer.serialize(topic, records[r]);
      bytes += frames[r].length;
      if (!records[r].equals(deserializer.deserialize(topic, frames[r]))) {
        throw new IllegalStateException(record + " #" + r + " does not survive a round trip");
      }
    }
    System.out.printf(
        "%s: %d records, on average %d bytes framed%n", record, records.length, bytes / RECORDS);
  }

  /** One record to its Confluent frame. */
  @Benchmark
  public byte[] encode(Cursor cursor) {
    return serializer.serialize(topic, records[cursor.next++ % RECORDS]);
  }

  /** One Confluent frame back to its record. */
  @Benchmark
  public SpecificRecord decode(Cursor cursor) {
    return deserializer.deserialize(topic, frames[cursor.next++ % RECORDS]);
  }

  /** The first {@link #RECORDS} updates the Statuspage adapter makes of a generated document. */
  private static List<StatusUpdate> statusUpdates() {
    RawStatus payload =
        new RawStatus(
            "example",
            StatuspageAdapter.FORMAT,
            "https://www.examplestatus.com/api/v2/incidents.json",
            Instant.parse("2026-12-01T00:00:00Z"),
            VendorDocuments.statuspageIncidents(42, ParsingBenchmark.INCIDENTS));
    ParseResult result = Normalizer.withDefaultAdapters().normalize(payload);
    List<StatusUpdate> updates = ((ParseResult.Parsed) result).updates();
    return updates.subList(updates.size() - RECORDS, updates.size());
  }

  private static final String[] PROVIDERS = {
    "github", "openai", "cloudflare", "fastly", "slack", "aws", "gcp", "discord", "atlassian"
  };

  private static List<AffectedComponent> components(SplittableRandom random) {
    List<AffectedComponent> components = new ArrayList<>();
    int count = random.nextInt(4);
    for (int c = 0; c < count; c++) {
      components.add(
          AffectedComponent.newBuilder()
              .setId(Long.toString(random.nextLong() >>> 4, 36))
              .setName("Component " + random.nextInt(40))
              .setStatus(ComponentStatus.values()[1 + random.nextInt(3)])
              .build());
    }
    return components;
  }

  /** Incidents as the incident stage folds them: most resolved, with their phase times. */
  private static List<Incident> incidents(SplittableRandom random) {
    List<Incident> incidents = new ArrayList<>(RECORDS);
    Instant base = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < RECORDS; i++) {
      Instant started = base.plusSeconds(random.nextInt(30 * 86_400));
      long identify = 60_000L * (5 + random.nextInt(40));
      long mitigate = identify + 60_000L * (5 + random.nextInt(60));
      long resolve = mitigate + 60_000L * (5 + random.nextInt(120));
      boolean resolved = random.nextInt(8) != 0;
      incidents.add(
          Incident.newBuilder()
              .setProvider(PROVIDERS[random.nextInt(PROVIDERS.length)])
              .setIncidentId(Long.toString(random.nextLong() >>> 4, 36))
              .setTitle("Elevated error rates for API requests")
              .setStatus(resolved ? IncidentStatus.RESOLVED : IncidentStatus.IDENTIFIED)
              .setImpact(Impact.values()[1 + random.nextInt(3)])
              .setComponents(components(random))
              .setStartedAt(started)
              .setIdentifiedAt(started.plusMillis(identify))
              .setMonitoringAt(resolved ? started.plusMillis(mitigate) : null)
              .setResolvedAt(resolved ? started.plusMillis(resolve) : null)
              .setUpdateCount(2 + random.nextInt(6))
              .setLastUpdatedAt(started.plusMillis(resolved ? resolve : identify))
              .setTimeToIdentifyMillis(identify)
              .setTimeToMitigateMillis(resolved ? mitigate : null)
              .setTimeToResolveMillis(resolved ? resolve : null)
              .build());
    }
    return incidents;
  }

  /** Outages of two to four providers, with the correlator's explanation lines. */
  private static List<CorrelatedOutage> outages(SplittableRandom random) {
    List<CorrelatedOutage> outages = new ArrayList<>(RECORDS);
    Instant base = Instant.parse("2026-11-01T00:00:00Z");
    for (int o = 0; o < RECORDS; o++) {
      Instant first = base.plusSeconds(random.nextInt(30 * 86_400));
      int size = 2 + random.nextInt(3);
      List<OutageMember> members = new ArrayList<>(size);
      List<String> providers = new ArrayList<>(size);
      List<String> explanation = new ArrayList<>(size);
      Instant last = first;
      for (int m = 0; m < size; m++) {
        String provider = PROVIDERS[(o + m) % PROVIDERS.length];
        Instant onset = first.plusSeconds(60L * random.nextInt(m * 10 + 1));
        last = onset.isAfter(last) ? onset : last;
        providers.add(provider);
        members.add(
            OutageMember.newBuilder()
                .setProvider(provider)
                .setIncidentId(Long.toString(random.nextLong() >>> 4, 36))
                .setTitle("Elevated error rates")
                .setImpact(Impact.values()[1 + random.nextInt(3)])
                .setStartedAt(onset)
                .setResolvedAt(onset.plusSeconds(60L * (20 + random.nextInt(200))))
                .build());
        explanation.add(
            provider
                + " started at "
                + onset
                + ", "
                + (onset.getEpochSecond() - first.getEpochSecond()) / 60
                + " min after the first onset: within the 30 min window");
      }
      boolean caused = random.nextBoolean();
      outages.add(
          CorrelatedOutage.newBuilder()
              .setId("outage-" + first.getEpochSecond() + "-" + providers.get(0))
              .setState(OutageState.values()[random.nextInt(3)])
              .setVersion(1 + random.nextInt(6))
              .setProviders(providers)
              .setMembers(members)
              .setFirstOnset(first)
              .setLastOnset(last)
              .setResolvedAt(random.nextBoolean() ? last.plusSeconds(7_200) : null)
              .setConfidence(random.nextDouble())
              .setCoincidenceProbability(random.nextDouble() / 100)
              .setSuspectedCause(
                  caused
                      ? SuspectedCause.newBuilder()
                          .setProvider(providers.get(0))
                          .setReporting(true)
                          .setReason("started first and the others depend on it")
                          .build()
                      : null)
              .setExplanation(explanation)
              .setMergedInto(null)
              .build());
    }
    return outages;
  }
}
