package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Vendor times in the future and oversized text: clamped and cut, never passed on to be refused.
 */
class BrokerLimitsTest {

  private static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");

  private static StatusUpdate update(
      Instant startedAt, Instant updatedAt, Impact impact, String body) {
    return StatusUpdate.newBuilder()
        .setProvider("acme")
        .setIncidentId("i1")
        .setUpdateId("u1")
        .setTitle("Elevated errors")
        .setStatus(IncidentStatus.INVESTIGATING)
        .setImpact(impact)
        .setComponents(List.of())
        .setBody(body)
        .setStartedAt(startedAt)
        .setUpdatedAt(updatedAt)
        .build();
  }

  @Test
  void aVendorTimeInTheFutureIsClampedToTheReceiveTimeAndKeptInAHeader() {
    RecordHeaders headers = new RecordHeaders();
    Instant typo = Instant.parse("2027-03-01T11:00:00Z");

    StatusUpdate clamped =
        FutureTimes.clamp(update(typo, typo, Impact.MAJOR, "x"), RECEIVED, headers);

    assertThat(clamped.getUpdatedAt()).isEqualTo(RECEIVED);
    assertThat(clamped.getStartedAt()).isEqualTo(RECEIVED);
    assertThat(
            new String(
                headers.lastHeader(FutureTimes.UPDATED_AT_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo(typo.toString());
    assertThat(
            new String(
                headers.lastHeader(FutureTimes.STARTED_AT_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo(typo.toString());
  }

  @Test
  void minutesOfSkewAndPlannedMaintenanceAreLeftAlone() {
    Instant skewed = RECEIVED.plus(Duration.ofMinutes(3));
    StatusUpdate skew = update(skewed, skewed, Impact.MAJOR, "x");
    Instant planned = RECEIVED.plus(Duration.ofDays(3));
    StatusUpdate maintenance =
        update(planned, RECEIVED.minus(Duration.ofDays(1)), Impact.MAINTENANCE, "x");

    assertThat(FutureTimes.clamp(skew, RECEIVED, new RecordHeaders())).isSameAs(skew);
    assertThat(FutureTimes.clamp(maintenance, RECEIVED, new RecordHeaders())).isSameAs(maintenance);
  }

  @Test
  void oversizedTextIsCutAndSaysSo() {
    RecordHeaders headers = new RecordHeaders();
    StatusUpdate huge = update(RECEIVED, RECEIVED, Impact.MAJOR, "y".repeat(100_000));

    StatusUpdate bounded = TextLimits.bound(huge, headers);

    assertThat(bounded.getBody())
        .hasSize(TextLimits.MAX_BODY)
        .endsWith("more characters cut by Tandem]");
    assertThat(
            new String(
                headers.lastHeader(TextLimits.TRUNCATED_HEADER).value(), StandardCharsets.UTF_8))
        .isEqualTo("body");
    assertThat(TextLimits.forHistory(bounded).getBody()).hasSize(TextLimits.MAX_BODY_IN_HISTORY);
    assertThat(
            TextLimits.bound(update(RECEIVED, RECEIVED, Impact.MAJOR, "short"), new RecordHeaders())
                .getBody())
        .isEqualTo("short");
  }
}
