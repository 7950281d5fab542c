package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vendor timestamps as Statuspage and Tandem write them. */
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
  @ValueSource(strings = {"2021-06-08T09:58:00", "2021-06-08", "yesterday", "", "1623146280000",
      "+100000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2021-13-08T09:58:00Z"})
  void refusesTimesItCannotPlaceOnTheTimeline(String text) {
    assertThat(VendorTime.parse(text)).isEmpty();
  }
}
