package dev.tandem.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The correlate stage's clock: the slowest source, within a bounded lag of the fastest. */
class EventClockTest {

  private static final Duration IDLE = Duration.ofMinutes(5);
  private static final Duration MAX_LAG = Duration.ofDays(30);
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  @Test
  void followsTheSlowestSourceWithinTheLag() {
    EventClock clock = new EventClock(IDLE, MAX_LAG);
    clock.observe("a", T0 + 10 * DAY, 0);
    clock.observe("b", T0 + 3 * DAY, 0);

    assertThat(clock.advance(0)).isEqualTo(Instant.ofEpochMilli(T0 + 3 * DAY));
  }

  @Test
  void aSourceThatNeverSentHoldsTheClockNoMoreThanTheLagBehindTheFastest() {
    EventClock clock = new EventClock(IDLE, MAX_LAG);
    clock.restore("silent", Long.MIN_VALUE, 0);
    clock.observe("a", T0 + 100 * DAY, 1_000);

    assertThat(clock.advance(1_000)).isEqualTo(Instant.ofEpochMilli(T0 + 70 * DAY));
  }

  @Test
  void aSourceFallingFurtherBehindIsPassedAndTheClockNeverGoesBack() {
    EventClock clock = new EventClock(IDLE, MAX_LAG);
    clock.observe("a", T0 + 100 * DAY, 0);
    clock.observe("b", T0 + 95 * DAY, 0);
    assertThat(clock.advance(0)).isEqualTo(Instant.ofEpochMilli(T0 + 95 * DAY));

    clock.observe("a", T0 + 200 * DAY, 0);
    assertThat(clock.advance(0)).isEqualTo(Instant.ofEpochMilli(T0 + 170 * DAY));

    // b sends again, far behind: the clock stays where it was.
    clock.observe("b", T0 + 96 * DAY, 0);
    assertThat(clock.advance(0)).isEqualTo(Instant.ofEpochMilli(T0 + 170 * DAY));
  }

  @Test
  void anIdleSourceStopsHoldingTheClockBack() {
    EventClock clock = new EventClock(IDLE, MAX_LAG);
    clock.observe("quiet", T0 + 1 * DAY, 0);
    clock.observe("busy", T0 + 5 * DAY, IDLE.toMillis() + 1);

    assertThat(clock.advance(IDLE.toMillis() + 1)).isEqualTo(Instant.ofEpochMilli(T0 + 5 * DAY));
  }
}
