package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vendor timestamps as Statuspage, Tandem and status feeds write them. */
class VendorTimeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2021-06-08T09:58:00.000Z,      2021-06-08T09:58:00Z",
    "2021-06-08T09:58:00Z,          2021-06-08T09:58:00Z",
    "2024-12-11T15:16:59.123-08:00, 2024-12-11T23:16:59.123Z",
    "2024-12-11T15:16:59.123-0800,  2024-12-11T23:16:59.123Z",
    "2017-08-08T10:45:44.090-04:00, 2017-08-08T14:45:44.090Z",
    "2021-06-08T11:58:00+02:00,     2021-06-08T09:58:00Z",
    "2021-06-08t09:58:00z,          2021-06-08T09:58:00Z",
  })
  void readsIsoDateTimesWithAnyUtcOffset(String text, String instant) {
    assertThat(VendorTime.parse(text)).contains(Instant.parse(instant));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "2021-06-08T09:58:00",
        "2021-06-08",
        "yesterday",
        "",
        "1623146280000",
        "+100000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "2021-13-08T09:58:00Z"
      })
  void refusesTimesItCannotPlaceOnTheTimeline(String text) {
    assertThat(VendorTime.parse(text)).isEmpty();
  }

  /**
   * Found by fuzzing: the year was checked as written, so these became instants of 1969, which
   * Kafka cannot timestamp.
   */
  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00+14:00",
        "1970-01-01T05:29:59+05:30",
        "Thu, 01 Jan 1970 00:30:00 +0100",
        "Thu, 01 Jan 1970 00:59:59 +0100"
      })
  void refusesTimesThatFallBefore1970OnceTheirOffsetIsApplied(String text) {
    assertThat(VendorTime.parseFeedTime(text)).isEmpty();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "1970-01-01T01:00:00+01:00",
        "Thu, 01 Jan 1970 00:00:00 GMT"
      })
  void readsTheFirstInstantOf1970(String text) {
    assertThat(VendorTime.parseFeedTime(text)).contains(Instant.EPOCH);
  }

  @Test
  void refusesATimePastTheLastInstantJavaCanRepresentWithoutThrowing() {
    assertThat(VendorTime.parse("+999999999-12-31T23:59:59-18:00")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'Wed, 16 Mar 2022 19:46:00 +0000',  2022-03-16T19:46:00Z",
    "'Fri, 24 Dec 2021 10:41:17 PST',    2021-12-24T18:41:17Z",
    "'Tue, 03 Mar 2026 08:40:00 PDT',    2026-03-03T15:40:00Z",
    "'Mon, 12 Nov 2018 16:25:40 Z',      2018-11-12T16:25:40Z",
    "'Thu, 03 Sep 2026 13:30:00 GMT',    2026-09-03T13:30:00Z",
    "'Thu, 18 Dec 2025 08:44:51 -0800',  2025-12-18T16:44:51Z",
    "'3 Sep 2026 13:30 UT',              2026-09-03T13:30:00Z",
    "2025-10-21T17:39:34Z,               2025-10-21T17:39:34Z",
  })
  void readsFeedDatesInRfc822OrIso(String text, String instant) {
    assertThat(VendorTime.parseFeedTime(text)).contains(Instant.parse(instant));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "Wed, 16 Mar 2022 19:46:00 IST",
        "Wed, 16 Mar 2022 19:46:00",
        "16 March 2022 19:46 GMT",
        "Wed, 32 Mar 2022 19:46:00 GMT",
        "Wed, 16 Mar 0022 19:46:00 GMT",
        "last Monday",
        ""
      })
  void refusesFeedDatesWithAnAmbiguousOrMissingZone(String text) {
    assertThat(VendorTime.parseFeedTime(text)).isEmpty();
  }
}
