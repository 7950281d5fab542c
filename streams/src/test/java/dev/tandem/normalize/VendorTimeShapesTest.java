package dev.tandem.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-read common shape of vendor times gives exactly what the general formatter gives, on the
 * shapes vendors write and on near misses of them.
 */
class VendorTimeShapesTest {

  @Property(tries = 3000)
  void theCommonShapeReadsAsTheFormatterReadsIt(@ForAll("vendorTimes") String text) {
    Instant fast = VendorTime.commonShape(text.strip());
    Optional<Instant> general = VendorTime.byFormatter(text.strip());

    if (fast != null) {
      assertThat(VendorTime.placeable(fast)).as(text).isEqualTo(general);
    }
    assertThat(VendorTime.parse(text)).as(text).isEqualTo(general);
  }

  @Provide
  Arbitrary<String> vendorTimes() {
    Arbitrary<String> wellFormed =
        Combinators.combine(
                Arbitraries.longs().between(0, 253_402_300_799L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(-18 * 4, 18 * 4),
                Arbitraries.of(
                    "yyyy-MM-dd'T'HH:mm:ssXXX",
                    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                    "yyyy-MM-dd'T'HH:mm:ss.SXXX",
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX",
                    "yyyy-MM-dd'T'HH:mm:ss.SSSxx",
                    "yyyy-MM-dd'T'HH:mmXXX",
                    "yyyy-MM-dd't'HH:mm:ss.SSS'z'"))
            .as(
                (seconds, nanos, quarters, pattern) ->
                    DateTimeFormatter.ofPattern(pattern)
                        .format(
                            Instant.ofEpochSecond(seconds, nanos)
                                .atOffset(ZoneOffset.ofTotalSeconds(quarters * 15 * 60))));
    // Near misses: one character of a well-formed time replaced by another from its alphabet.
    Arbitrary<String> nearMisses =
        Combinators.combine(
                wellFormed,
                Arbitraries.integers().between(0, 40),
                Arbitraries.of('0', '9', '1', '3', '-', ':', 'T', 'Z', '+', '.', ' ', '٣'))
            .as(
                (time, at, c) ->
                    time.substring(0, Math.min(at, time.length()))
                        + c
                        + time.substring(Math.min(at + 1, time.length())));
    return Arbitraries.oneOf(wellFormed, nearMisses);
  }
}
