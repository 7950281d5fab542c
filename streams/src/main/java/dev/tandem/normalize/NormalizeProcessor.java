package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;
import dev.tandem.deadletter.DeadLetterHeaders;
import dev.tandem.io.Sha256;
import dev.tandem.metrics.TandemMeters;
import dev.tandem.raw.RawStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The normalize stage: parses each raw record with the adapter its {@code tandem.format} header
 * names, drops updates already seen (polled documents repeat them), and sends what it cannot read
 * to the dead-letter topic. Every raw record ends as new updates, counted duplicates, or a dead
 * letter.
 */
public final class NormalizeProcessor
    extends ContextualProcessor<String, byte[], String, Normalized> {

  /** Dedupe store: provider/incidentId/updateId#content → stream time it was last seen. */
  public static final String SEEN_STORE = "normalize-seen-updates";

  public static final String STAGE = "normalize";

  private static final Logger log = LoggerFactory.getLogger(NormalizeProcessor.class);

  /**
   * The partition an update came from ({@code raw/3}), carried to the correlate stage, whose clock
   * waits for the slowest source (see {@code CorrelateProcessor}).
   */
  public static final String SOURCE_HEADER = "tandem.source-partition";

  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

  private final Normalizer normalizer;
  private final Duration retention;
  private KeyValueStore<String, Long> seen;
  private Sensor duplicates;
  private Sensor futureTimes;
  private long streamTime = Long.MIN_VALUE;

  /**
   * @param retention how long an update id is remembered after it was last seen
   */
  public NormalizeProcessor(Normalizer normalizer, Duration retention) {
    this.normalizer = normalizer;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, Normalized> context) {
    super.init(context);
    seen = context.getStateStore(SEEN_STORE);
    duplicates =
        context
            .metrics()
            .addRateTotalSensor(
                "tandem", "normalize", "duplicate-updates", Sensor.RecordingLevel.INFO);
    futureTimes =
        context
            .metrics()
            .addRateTotalSensor(
                "tandem", "normalize", "future-times-clamped", Sensor.RecordingLevel.INFO);
    context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> purge());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    streamTime = Math.max(streamTime, record.timestamp());
    String provider = record.key() == null ? null : record.key().trim().toLowerCase(Locale.ROOT);
    if (provider == null || !RawStatus.PROVIDER_ID.matcher(provider).matches()) {
      // Cut short: the key is anyone's input, and the reason is a header of the dead letter that
      // carries it too.
      reject(
          record,
          "the record key must be the provider id, a lower-case slug such as 'openai'; got "
              + (record.key() == null ? "no key" : PayloadObject.quote(record.key())));
      return;
    }
    if (record.value() == null || record.value().length == 0) {
      reject(record, "the record has no value: expected a status document");
      return;
    }
    Instant receivedAt = receivedAt(record);
    RawStatus raw =
        new RawStatus(
            provider,
            header(record, RawStatus.FORMAT_HEADER),
            header(record, RawStatus.SOURCE_HEADER),
            receivedAt,
            record.value());
    ParseResult result = normalizer.normalize(raw);
    if (result instanceof ParseResult.Failed failed) {
      reject(record, failed.reason());
      return;
    }
    // The later of the two claims of when the document arrived: the broker's (or producer's)
    // record time and the collector's header.
    Instant arrived = Instant.ofEpochMilli(Math.max(record.timestamp(), receivedAt.toEpochMilli()));
    for (StatusUpdate parsed : ((ParseResult.Parsed) result).updates()) {
      // The content, as the vendor wrote it, is part of the identity: an edited update is new, a
      // repeated one is not (also when its future time is clamped to a different arrival each
      // poll).
      String id =
          parsed.getProvider()
              + "/"
              + parsed.getIncidentId()
              + "/"
              + parsed.getUpdateId()
              + "#"
              + fingerprint(parsed);
      Long lastSeen = seen.get(id);
      if (lastSeen != null) {
        duplicates.record();
        // Refresh rarely: often enough that a document still listing the update keeps it
        // remembered.
        if (streamTime - lastSeen > retention.toMillis() / 2) {
          seen.put(id, streamTime);
        }
        continue;
      }
      seen.put(id, streamTime);
      RecordHeaders headers = new RecordHeaders();
      context()
          .recordMetadata()
          .ifPresent(
              m ->
                  headers.add(
                      SOURCE_HEADER, ("raw/" + m.partition()).getBytes(StandardCharsets.UTF_8)));
      StatusUpdate update = FutureTimes.clamp(parsed, arrived, headers);
      boolean clamped = update != parsed;
      update = TextLimits.bound(update, headers);
      if (clamped) {
        futureTimes.record();
        log.warn(
            "{}/{} update {}: vendor time in the future (started {}, updated {}), clamped to the receive time {}",
            update.getProvider(),
            update.getIncidentId(),
            update.getUpdateId(),
            parsed.getStartedAt(),
            parsed.getUpdatedAt(),
            arrived);
      }
      TandemMeters.normalized(update.getProvider(), update.getFormat());
      context()
          .forward(
              new Record<String, Normalized>(
                  update.getProvider(),
                  new Normalized.Update(update),
                  update.getUpdatedAt().toEpochMilli(),
                  headers));
    }
  }

  private void reject(Record<String, byte[]> record, String reason) {
    log.warn("dead letter from {}: {}", record.key(), reason);
    TandemMeters.deadLetter(STAGE, DeadLetterHeaders.PARSE_FAILURE);
    context()
        .forward(
            new Record<String, Normalized>(
                record.key(),
                new Normalized.Rejected(record.value()),
                record.timestamp(),
                DeadLetterHeaders.of(
                    record.headers(), STAGE, reason, DeadLetterHeaders.PARSE_FAILURE)));
  }

  private void purge() {
    if (streamTime == Long.MIN_VALUE) {
      return;
    }
    long horizon = streamTime - retention.toMillis();
    try (KeyValueIterator<String, Long> it = seen.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> entry = it.next();
        if (entry.value < horizon) {
          seen.delete(entry.key);
        }
      }
    }
  }

  /** A digest of what the vendor said; where Tandem read it (source, format) does not count. */
  static String fingerprint(StatusUpdate update) {
    String content =
        String.join(
            "\u0000",
            update.getTitle(),
            update.getStatus().name(),
            update.getImpact().name(),
            update.getComponents().toString(),
            String.valueOf(update.getBody()),
            update.getStartedAt().toString(),
            update.getUpdatedAt().toString());
    return java.util.HexFormat.of().formatHex(Sha256.of(content), 0, 8);
  }

  /** The collector's tandem.received-at header; the record timestamp when absent or unreadable. */
  private static Instant receivedAt(Record<String, byte[]> record) {
    Instant recorded = Instant.ofEpochMilli(record.timestamp());
    String header = header(record, RawStatus.RECEIVED_AT_HEADER);
    if (header != null) {
      try {
        Instant claimed = Instant.parse(header);
        // A claim before 1970 or a day past the record's own time is a broken clock, not a receipt.
        if (!claimed.isBefore(Instant.EPOCH)
            && !claimed.isAfter(recorded.plus(Duration.ofDays(1)))) {
          return claimed;
        }
        log.debug(
            "implausible {} header '{}' on a record of {}",
            RawStatus.RECEIVED_AT_HEADER,
            header,
            recorded);
      } catch (java.time.format.DateTimeParseException e) {
        log.debug("unreadable {} header '{}'", RawStatus.RECEIVED_AT_HEADER, header);
      }
    }
    return recorded;
  }

  private static String header(Record<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }
}
