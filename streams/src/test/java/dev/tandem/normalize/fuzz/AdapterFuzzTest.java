package dev.tandem.normalize.fuzz;

import dev.tandem.normalize.AtomAdapter;
import dev.tandem.normalize.FormatAdapter;
import dev.tandem.normalize.GcpAdapter;
import dev.tandem.normalize.IncidentIoAdapter;
import dev.tandem.normalize.ParseResult;
import dev.tandem.normalize.RssAdapter;
import dev.tandem.normalize.StatuspageAdapter;
import dev.tandem.normalize.TandemAdapter;
import dev.tandem.raw.RawStatus;
import java.time.Instant;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every adapter, fed 10,000 generated payloads made from its format's real fixtures (cut short,
 * damaged byte by byte, mutated as JSON or XML, re-encoded) and hostile documents: each call
 * returns, within a second of CPU, either well-formed updates of the record's provider or a failure
 * with a reason ({@link Outcomes} says exactly what is checked). The FormatAdapter contract says
 * adapters never throw for bad input; here nothing may escape at all.
 *
 * <p>The seeds are fixed so that CI reads the same inputs every run; a failure prints the case and
 * the seed, and saves the input under {@code target/fuzz-failures/}. To look further, run with
 * another seed in {@link FuzzSettings}.
 */
class AdapterFuzzTest {

  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED)
  void statuspage(@ForAll("statuspagePayloads") FuzzCase input) {
    check(new StatuspageAdapter(), input);
  }

  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED)
  void incidentio(@ForAll("incidentioPayloads") FuzzCase input) {
    check(new IncidentIoAdapter(), input);
  }

  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED)
  void gcp(@ForAll("gcpPayloads") FuzzCase input) {
    check(new GcpAdapter(), input);
  }

  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED)
  void rss(@ForAll("rssPayloads") FuzzCase input) {
    check(new RssAdapter(), input);
  }

  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED)
  void atom(@ForAll("atomPayloads") FuzzCase input) {
    check(new AtomAdapter(), input);
  }

  @Property(
      tries = FuzzSettings.TRIES,
      seed = FuzzSettings.SEED,
      generation = GenerationMode.RANDOMIZED)
  void tandem(@ForAll("tandemPayloads") FuzzCase input) {
    check(new TandemAdapter(), input);
  }

  @Provide
  Arbitrary<FuzzCase> statuspagePayloads() {
    return FuzzInputs.forFormat("statuspage");
  }

  @Provide
  Arbitrary<FuzzCase> incidentioPayloads() {
    return FuzzInputs.forFormat("incidentio");
  }

  @Provide
  Arbitrary<FuzzCase> gcpPayloads() {
    return FuzzInputs.forFormat("gcp");
  }

  @Provide
  Arbitrary<FuzzCase> rssPayloads() {
    return FuzzInputs.forFormat("rss");
  }

  @Provide
  Arbitrary<FuzzCase> atomPayloads() {
    return FuzzInputs.forFormat("atom");
  }

  @Provide
  Arbitrary<FuzzCase> tandemPayloads() {
    return FuzzInputs.forFormat("tandem");
  }

  @BeforeContainer
  static void forgetSlowest() {
    Outcomes.resetSlowest();
  }

  @AfterContainer
  static void reportSlowest() {
    System.out.println("slowest adapter call: " + Outcomes.slowest());
  }

  private static void check(FormatAdapter adapter, FuzzCase input) {
    RawStatus raw =
        new RawStatus(
            input.provider(),
            null,
            "https://status.example.com/feed",
            Instant.EPOCH,
            input.bytes());
    Callable<ParseResult> call = () -> adapter.parse(raw);
    Outcomes.assertWellFormed(
        adapter.format() + " adapter", input, input.provider(), Outcomes.run(call), call);
  }
}
