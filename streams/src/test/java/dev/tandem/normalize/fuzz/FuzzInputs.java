package dev.tandem.normalize.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The payloads fuzzed for one format, mixed: random bytes; each real fixture of the format cut at
 * every point, damaged byte by byte, mutated as JSON or XML, re-encoded; and hostile documents. All
 * randomness comes from jqwik, so the seed it prints reproduces every case.
 */
final class FuzzInputs {

  private static final Map<String, Arbitrary<FuzzCase>> BY_FORMAT = new ConcurrentHashMap<>();

  private FuzzInputs() {}

  /**
   * The payloads for one format; built once, since reading the fixtures' field names takes a
   * moment.
   */
  static Arbitrary<FuzzCase> forFormat(String format) {
    return BY_FORMAT.computeIfAbsent(format, FuzzInputs::build);
  }

  private static Arbitrary<FuzzCase> build(String format) {
    List<FuzzFixtures.Fixture> fixtures = FuzzFixtures.of(format);
    boolean xml = FuzzFixtures.isXml(format);
    List<String> fieldNames = xml ? List.of() : new ArrayList<>(JsonMutations.fieldNames(fixtures));
    return Arbitraries.frequencyOf(
        Tuple.of(2, unchanged(fixtures)),
        Tuple.of(7, randomBytes(xml)),
        Tuple.of(12, truncations(fixtures)),
        Tuple.of(
            20,
            fromFixture(
                fixtures,
                "byte mutation",
                (fixture, random, how) -> ByteMutations.mutate(fixture.bytes(), random, how))),
        Tuple.of(
            38,
            xml
                ? fromFixture(fixtures, "xml mutation", XmlMutations::mutate)
                : fromFixture(
                    fixtures,
                    "json mutation",
                    (fixture, random, how) ->
                        JsonMutations.mutate(fixture, fieldNames, random, how))),
        Tuple.of(
            11,
            fromFixture(
                fixtures,
                "encoding",
                (fixture, random, how) -> Encodings.reencode(fixture.bytes(), xml, random, how))),
        Tuple.of(10, hostile(xml)));
  }

  /** The fixtures as they are: the baseline every mutation departs from. */
  private static Arbitrary<FuzzCase> unchanged(List<FuzzFixtures.Fixture> fixtures) {
    return Arbitraries.of(fixtures)
        .map(
            fixture ->
                new FuzzCase("unchanged", fixture.provider(), fixture.path(), fixture.bytes()));
  }

  /** Random bytes, sometimes behind the one byte that makes a reader take them for JSON or XML. */
  private static Arbitrary<FuzzCase> randomBytes(boolean xml) {
    return Arbitraries.randomValue(
        random -> {
          byte[] bytes =
              new byte[random.nextInt(8) == 0 ? random.nextInt(65_536) : random.nextInt(512)];
          random.nextBytes(bytes);
          if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) (xml ? '<' : random.nextBoolean() ? '{' : '[');
          }
          return new FuzzCase("random bytes", FuzzCase.NO_FIXTURE, "random bytes", bytes);
        });
  }

  /** Each fixture cut at any point: a response that ended early. */
  private static Arbitrary<FuzzCase> truncations(List<FuzzFixtures.Fixture> fixtures) {
    return Arbitraries.of(fixtures)
        .flatMap(
            fixture ->
                Arbitraries.integers()
                    .between(0, fixture.bytes().length)
                    .map(
                        cut ->
                            new FuzzCase(
                                "truncation",
                                fixture.provider(),
                                "truncation of " + fixture.path() + " at " + cut,
                                Arrays.copyOf(fixture.bytes(), cut))));
  }

  private static Arbitrary<FuzzCase> hostile(boolean xml) {
    return Arbitraries.randomValue(
        random -> {
          List<String> how = new ArrayList<>();
          byte[] bytes =
              xml ? HostileDocuments.xml(random, how) : HostileDocuments.json(random, how);
          return new FuzzCase(
              "hostile document", FuzzCase.NO_FIXTURE, String.join("; ", how), bytes);
        });
  }

  /** Some mutation of a fixture chosen at random, with a note of each step. */
  interface Mutation {
    byte[] apply(FuzzFixtures.Fixture fixture, Random random, List<String> how);
  }

  private static Arbitrary<FuzzCase> fromFixture(
      List<FuzzFixtures.Fixture> fixtures, String kind, Mutation mutation) {
    return Arbitraries.randomValue(
        random -> {
          FuzzFixtures.Fixture fixture = fixtures.get(random.nextInt(fixtures.size()));
          List<String> how = new ArrayList<>();
          byte[] bytes = mutation.apply(fixture, random, how);
          String described = kind + " of " + fixture.path() + ": " + String.join("; ", how);
          return new FuzzCase(kind, fixture.provider(), described, bytes);
        });
  }
}
