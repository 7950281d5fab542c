package dev.tandem.normalize;

import dev.tandem.contract.Impact;
import dev.tandem.contract.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/**
 * The rule for vendor times later than Tandem received them (a vendor's clock, a typo, a year off):
 * such a time is clamped to the moment the document was received, and the vendor's own value
 * travels on in a header of the update ({@link #UPDATED_AT_HEADER}, {@link #STARTED_AT_HEADER}). An
 * update cannot have been published after it was read, and a record stamped in the future would be
 * refused by the broker (its {@code message.timestamp.after.max.ms}, one hour by default) and stop
 * the pipeline.
 *
 * <p>A few minutes of skew are tolerated as they are ({@link #TOLERANCE}). The start of planned
 * maintenance is often in the future on purpose and is left alone; maintenance never makes an
 * outage.
 */
final class FutureTimes {

  static final Duration TOLERANCE = Duration.ofMinutes(5);
  static final String UPDATED_AT_HEADER = "tandem.vendor-updated-at";
  static final String STARTED_AT_HEADER = "tandem.vendor-started-at";

  private FutureTimes() {}

  /**
   * The update with any time later than {@code receivedAt} (beyond the tolerance) clamped to it.
   */
  static StatusUpdate clamp(StatusUpdate update, Instant receivedAt, Headers headers) {
    Instant limit = receivedAt.plus(TOLERANCE);
    boolean updatedLate = update.getUpdatedAt().isAfter(limit);
    boolean startedLate =
        update.getStartedAt().isAfter(limit) && update.getImpact() != Impact.MAINTENANCE;
    if (!updatedLate && !startedLate) {
      return update;
    }
    StatusUpdate.Builder clamped = StatusUpdate.newBuilder(update);
    if (updatedLate) {
      headers.add(
          UPDATED_AT_HEADER, update.getUpdatedAt().toString().getBytes(StandardCharsets.UTF_8));
      clamped.setUpdatedAt(receivedAt);
    }
    if (startedLate) {
      headers.add(
          STARTED_AT_HEADER, update.getStartedAt().toString().getBytes(StandardCharsets.UTF_8));
      clamped.setStartedAt(receivedAt);
    }
    return clamped.build();
  }
}
