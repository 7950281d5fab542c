package dev.tandem.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulationFilesTest {

  @Test
  void timesAreIsoInstantsAlwaysWithMilliseconds() {
    assertThat(SimulationFiles.time(Instant.parse("2026-01-05T00:03:18Z")))
        .isEqualTo("2026-01-05T00:03:18.000Z");
    assertThat(SimulationFiles.time(Instant.parse("0999-12-31T23:59:59.999999Z")))
        .isEqualTo("0999-12-31T23:59:59.999Z");

    DateTimeFormatter reference =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      Instant instant =
          Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L));
      assertThat(SimulationFiles.time(instant)).isEqualTo(reference.format(instant));
    }
    assertThat(SimulationFiles.time(Instant.parse("+12026-01-05T00:00:00Z")))
        .isEqualTo(reference.format(Instant.parse("+12026-01-05T00:00:00Z")));
  }
}
