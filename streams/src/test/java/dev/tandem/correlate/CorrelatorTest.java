package dev.tandem.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelatorTest {

  private final Correlator correlator =
      new Correlator(CorrelationSettings.DEFAULTS, DependencyGraph.defaults());

  static ProviderIncident incident(
      String provider, String start, String resolved, Severity severity) {
    return new ProviderIncident(
        provider,
        provider + "-" + start,
        provider + " trouble",
        severity,
        Instant.parse(start),
        resolved == null ? null : Instant.parse(resolved),
        List.of());
  }

  static List<ProviderIncident> fastly2021() {
    return List.of(
        incident("fastly", "2021-06-08T09:47:00Z", "2021-06-08T12:44:00Z", Severity.CRITICAL),
        incident("amazon", "2021-06-08T10:00:00Z", "2021-06-08T10:45:00Z", Severity.MAJOR),
        incident("reddit", "2021-06-08T10:02:00Z", "2021-06-08T10:55:00Z", Severity.MAJOR),
        incident("github", "2021-06-08T10:05:00Z", "2021-06-08T10:50:00Z", Severity.MAJOR),
        incident("govuk", "2021-06-08T10:09:00Z", "2021-06-08T11:00:00Z", Severity.MAJOR));
  }

  @Test
  void correlatesFastlyWithItsDependents() {
    List<Outage> outages = correlator.correlate(fastly2021());

    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.providers())
                  .containsExactly("amazon", "fastly", "github", "govuk", "reddit");
              assertThat(o.cause().provider()).isEqualTo("fastly");
              assertThat(o.cause().reporting()).isTrue();
              assertThat(o.cause().reason())
                  .isEqualTo("declared upstream of amazon, github, govuk, reddit");
              assertThat(o.firstOnset()).isEqualTo(Instant.parse("2021-06-08T09:47:00Z"));
              assertThat(o.lastOnset()).isEqualTo(Instant.parse("2021-06-08T10:09:00Z"));
              assertThat(o.resolvedAt()).isEqualTo(Instant.parse("2021-06-08T12:44:00Z"));
              assertThat(o.confidence()).isGreaterThan(0.99);
              assertThat(o.coincidenceProbability()).isLessThan(1e-6);
              assertThat(o.id()).matches("fastly-[0-9a-f]{12}");
              assertThat(o.explanation())
                  .contains("fastly started at 2021-06-08T09:47:00Z (critical)")
                  .contains(
                      "amazon started 13 min after fastly; fastly is a declared upstream of amazon");
            });
  }

  @Test
  void staysQuietForMetaAndOpenAiFiveHoursApart() {
    List<ProviderIncident> incidents =
        List.of(
            incident("meta", "2024-12-11T17:40:00Z", "2024-12-12T00:21:00Z", Severity.MAJOR),
            incident("openai", "2024-12-11T23:16:00Z", "2024-12-12T03:38:00Z", Severity.CRITICAL));

    assertThat(correlator.correlate(incidents)).isEmpty();
  }

  @Test
  void oneProviderAloneIsNeverAnOutage() {
    assertThat(
            correlator.correlate(
                List.of(
                    incident(
                        "openai", "2025-12-02T19:40:00Z", "2025-12-02T21:40:00Z", Severity.MAJOR),
                    incident("openai", "2025-12-02T19:45:00Z", null, Severity.MINOR))))
        .isEmpty();
  }

  @Test
  void maintenanceNeverCounts() {
    assertThat(
            correlator.correlate(
                List.of(
                    incident("github", "2025-01-01T10:00:00Z", null, Severity.MAINTENANCE),
                    incident("slack", "2025-01-01T10:05:00Z", null, Severity.MAINTENANCE),
                    incident("zoom", "2025-01-01T10:06:00Z", null, Severity.NONE))))
        .isEmpty();
  }

  @Test
  void linksALateUpstreamOverTheDependencyWindow() {
    List<Outage> outages =
        correlator.correlate(
            List.of(
                incident("openai", "2025-11-18T11:20:00Z", null, Severity.MAJOR),
                incident("x", "2025-11-18T11:30:00Z", null, Severity.MAJOR),
                incident("cloudflare", "2025-11-18T12:35:00Z", null, Severity.CRITICAL)));

    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.providers()).containsExactly("cloudflare", "openai", "x");
              assertThat(o.cause().provider()).isEqualTo("cloudflare");
              assertThat(o.resolvedAt()).isNull();
            });
  }

  @Test
  void unrelatedProvidersFortyFiveMinutesApartAreNotLinked() {
    assertThat(
            correlator.correlate(
                List.of(
                    incident("slack", "2025-03-01T10:00:00Z", null, Severity.MAJOR),
                    incident("zoom", "2025-03-01T10:45:00Z", null, Severity.MAJOR))))
        .isEmpty();
  }

  @Test
  void blamesASilentUpstreamThatThreeMembersShare() {
    List<Outage> outages =
        correlator.correlate(
            List.of(
                incident("slack", "2025-10-20T07:00:00Z", null, Severity.MAJOR),
                incident("signal", "2025-10-20T07:05:00Z", null, Severity.MAJOR),
                incident("venmo", "2025-10-20T07:09:00Z", null, Severity.MAJOR)));

    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.cause().provider()).isEqualTo("aws");
              assertThat(o.cause().reporting()).isFalse();
              assertThat(o.cause().reason())
                  .isEqualTo("shared upstream of signal, slack, venmo; not reporting yet");
            });
  }

  @Test
  void namesNoCauseWhenNoUpstreamIsShared() {
    List<Outage> outages =
        correlator.correlate(
            List.of(
                incident("slack", "2025-03-01T10:00:00Z", null, Severity.MAJOR),
                incident("zoom", "2025-03-01T10:04:00Z", null, Severity.MAJOR)));

    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.cause().provider()).isNull();
              assertThat(o.cause().reason()).contains("earliest member: slack");
            });
  }

  @Test
  void cutsChainsThatWouldSpanMoreThanTheMaximum() {
    List<ProviderIncident> chain = new ArrayList<>();
    String[] providers = {"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11"};
    Instant start = Instant.parse("2025-05-05T00:00:00Z");
    for (int i = 0; i < providers.length; i++) {
      chain.add(
          incident(
              providers[i],
              start.plus(Duration.ofMinutes(25L * i)).toString(),
              null,
              Severity.MAJOR));
    }

    List<Outage> outages = correlator.correlate(chain);

    assertThat(outages)
        .hasSizeGreaterThan(1)
        .allSatisfy(
            o ->
                assertThat(Duration.between(o.firstOnset(), o.lastOnset()))
                    .isLessThanOrEqualTo(Duration.ofHours(3)));
    assertThat(outages.stream().mapToInt(o -> o.providers().size()).sum())
        .isEqualTo(providers.length);
  }

  /** A background of 500 providers over ten days, each failing every week or two, seeded. */
  private static List<ProviderIncident> background(
      Random random, int providers, Instant start, int days) {
    List<ProviderIncident> incidents = new ArrayList<>();
    for (int p = 0; p < providers; p++) {
      double rate = 1.0 / (7 + random.nextInt(8));
      for (double t = -Math.log(1 - random.nextDouble()) / rate;
          t < days;
          t += -Math.log(1 - random.nextDouble()) / rate) {
        Instant onset = start.plusSeconds((long) (t * 86_400));
        Severity severity = random.nextBoolean() ? Severity.MINOR : Severity.MAJOR;
        incidents.add(
            new ProviderIncident(
                "bg" + p,
                "bg" + p + "-" + incidents.size(),
                "Elevated errors",
                severity,
                onset,
                onset.plus(Duration.ofMinutes(30 + random.nextInt(120))),
                List.of()));
      }
    }
    return incidents;
  }

  @Test
  void aLargeOutageOverTwoHoursIsOneOutageAndTheBackgroundAroundItDoesNotChainIntoIt() {
    Random random = new Random(5);
    Instant start = Instant.parse("2025-10-10T00:00:00Z");
    List<ProviderIncident> incidents = background(random, 500, start, 10);
    // Dozens of providers with no declared dependency fail over two hours, densest at first.
    Instant cascade = start.plus(Duration.ofDays(8)).plus(Duration.ofHours(7));
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String provider = "bg" + (i * 12);
      members.add(provider);
      long minutes = (long) (120 * Math.pow(random.nextDouble(), 2));
      Instant onset = cascade.plus(Duration.ofMinutes(minutes));
      incidents.add(
          new ProviderIncident(
              provider,
              provider + "-cascade",
              "Service unavailable",
              Severity.MAJOR,
              onset,
              onset.plus(Duration.ofHours(3)),
              List.of()));
    }

    List<Outage> outages = correlator.correlate(incidents);

    List<Outage> cascades =
        outages.stream()
            .filter(o -> o.providers().stream().filter(members::contains).count() >= 5)
            .toList();
    assertThat(cascades).as("one outage for the cascade").hasSize(1);
    Outage outage = cascades.get(0);
    long planted = outage.providers().stream().filter(members::contains).count();
    assertThat(planted).as("most of the cascade").isGreaterThanOrEqualTo(30);
    assertThat(outage.providers().size() - planted)
        .as("few bystanders: no chaining through the background")
        .isLessThanOrEqualTo(planted / 4);
    assertThat(outages)
        .as("at most a chance burst or two in ten days of 500 providers")
        .hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void amongAThousandProvidersADeclaredDependencyStillMakesAPairAnOutageWhereTimingAloneDoesNot() {
    Random random = new Random(8);
    Instant start = Instant.parse("2025-10-10T00:00:00Z");
    List<ProviderIncident> incidents = background(random, 1000, start, 10);
    Instant at = start.plus(Duration.ofDays(9)).plus(Duration.ofHours(15));
    // OpenAI is declared to run on Azure; the two bgN providers have nothing to do with each other.
    incidents.add(incident("azure", at.toString(), null, Severity.MAJOR));
    incidents.add(
        incident("openai", at.plus(Duration.ofMinutes(8)).toString(), null, Severity.MAJOR));
    Instant later = at.plus(Duration.ofHours(6));
    incidents.add(
        new ProviderIncident(
            "bg1", "bg1-pair", "Elevated errors", Severity.MAJOR, later, null, List.of()));
    incidents.add(
        new ProviderIncident(
            "bg2",
            "bg2-pair",
            "Elevated errors",
            Severity.MAJOR,
            later.plus(Duration.ofMinutes(8)),
            null,
            List.of()));

    List<Outage> outages = correlator.correlate(incidents);

    assertThat(outages)
        .anySatisfy(
            o -> {
              assertThat(o.providers()).containsExactly("azure", "openai");
              assertThat(o.cause().provider()).isEqualTo("azure");
            });
    assertThat(outages)
        .noneMatch(o -> o.providers().contains("bg1") && o.providers().contains("bg2"));
  }

  @Test
  void theSameIncidentsInAnyOrderGiveTheSameOutages() {
    List<ProviderIncident> incidents = new ArrayList<>(fastly2021());
    incidents.add(incident("meta", "2021-06-08T17:40:00Z", null, Severity.MAJOR));
    List<Outage> expected = correlator.correlate(incidents);
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(incidents, random);
      assertThat(correlator.correlate(incidents)).isEqualTo(expected);
    }
  }

  @Test
  void noisyProvidersEarnLessConfidenceThanQuietOnes() {
    List<ProviderIncident> pair =
        List.of(
            incident("slack", "2025-03-01T10:00:00Z", null, Severity.MINOR),
            incident("zoom", "2025-03-01T10:20:00Z", null, Severity.MINOR));
    Correlator noisy =
        new Correlator(
            CorrelationSettings.DEFAULTS, DependencyGraph.defaults(), CoincidenceModel.uniform(20));
    Correlator quiet =
        new Correlator(
            new CorrelationSettings(
                Duration.ofMinutes(30),
                Duration.ofMinutes(90),
                Duration.ofHours(3),
                2,
                0.0,
                0.1,
                Duration.ofDays(7),
                Duration.ofDays(30),
                14,
                0.02),
            DependencyGraph.defaults(),
            CoincidenceModel.uniform(0.05));

    assertThat(noisy.correlate(pair)).isEmpty();
    assertThat(quiet.correlate(pair))
        .singleElement()
        .satisfies(o -> assertThat(o.confidence()).isGreaterThan(0.6));
  }

  @Test
  void ledgerOpensUpdatesAndResolvesWithIncreasingVersions() {
    List<ProviderIncident> open =
        List.of(
            incident("fastly", "2021-06-08T09:47:00Z", null, Severity.CRITICAL),
            incident("amazon", "2021-06-08T10:00:00Z", null, Severity.MAJOR));
    Set<String> keys =
        Set.of("fastly/fastly-2021-06-08T09:47:00Z", "amazon/amazon-2021-06-08T10:00:00Z");

    List<OutageChange> first = OutageLedger.reconcile(Map.of(), correlator.correlate(open), keys);
    OutageRevision opened = ((OutageChange.Revised) first.get(0)).revision();
    List<OutageChange> again =
        OutageLedger.reconcile(Map.of(opened.id(), opened), correlator.correlate(open), keys);
    List<OutageChange> resolved =
        OutageLedger.reconcile(
            Map.of(opened.id(), opened),
            correlator.correlate(
                List.of(
                    incident(
                        "fastly",
                        "2021-06-08T09:47:00Z",
                        "2021-06-08T12:44:00Z",
                        Severity.CRITICAL),
                    incident(
                        "amazon", "2021-06-08T10:00:00Z", "2021-06-08T10:45:00Z", Severity.MAJOR))),
            keys);

    assertThat(first).hasSize(1);
    assertThat(opened.state()).isEqualTo(OutageRevision.State.OPEN);
    assertThat(opened.version()).isEqualTo(1);
    assertThat(again).as("nothing changed, nothing published").isEmpty();
    assertThat(resolved)
        .singleElement()
        .satisfies(
            c -> {
              OutageRevision r = ((OutageChange.Revised) c).revision();
              assertThat(r.id()).isEqualTo(opened.id());
              assertThat(r.state()).isEqualTo(OutageRevision.State.RESOLVED);
              assertThat(r.version()).isEqualTo(2);
            });
  }

  @Test
  void ledgerRenamesAnOutageAfterABackdatedMemberThatJoinsIt() {
    List<ProviderIncident> before =
        List.of(
            incident("amazon", "2021-06-08T10:00:00Z", null, Severity.MAJOR),
            incident("reddit", "2021-06-08T10:02:00Z", null, Severity.MAJOR));
    OutageRevision published =
        ((OutageChange.Revised)
                OutageLedger.reconcile(
                        Map.of(),
                        correlator.correlate(before),
                        Set.of(
                            "amazon/amazon-2021-06-08T10:00:00Z",
                            "reddit/reddit-2021-06-08T10:02:00Z"))
                    .get(0))
            .revision();
    List<ProviderIncident> after = new ArrayList<>(before);
    after.add(incident("fastly", "2021-06-08T09:47:00Z", null, Severity.CRITICAL));

    List<OutageChange> changes =
        OutageLedger.reconcile(
            Map.of(published.id(), published),
            correlator.correlate(after),
            Set.of(
                "amazon/amazon-2021-06-08T10:00:00Z",
                "reddit/reddit-2021-06-08T10:02:00Z",
                "fastly/fastly-2021-06-08T09:47:00Z"));

    assertThat(published.id()).startsWith("amazon-");
    String renamed = correlator.correlate(after).get(0).id();
    assertThat(renamed)
        .as("the id of the outage the three make in any arrival order")
        .startsWith("fastly-");
    assertThat(changes).hasSize(2);
    assertThat(((OutageChange.Revised) changes.get(0)).revision())
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(renamed);
              assertThat(r.state()).isEqualTo(OutageRevision.State.OPEN);
              assertThat(r.version()).isEqualTo(1);
              assertThat(r.outage().providers()).containsExactly("amazon", "fastly", "reddit");
              assertThat(r.outage().firstOnset()).isEqualTo(Instant.parse("2021-06-08T09:47:00Z"));
            });
    assertThat(((OutageChange.Revised) changes.get(1)).revision())
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(published.id());
              assertThat(r.state()).isEqualTo(OutageRevision.State.MERGED);
              assertThat(r.mergedInto())
                  .as("a consumer keyed on the old id learns the new one")
                  .isEqualTo(renamed);
              assertThat(r.version()).isEqualTo(2);
            });
  }

  @Test
  void ledgerMergesTwoPublishedOutagesIntoTheOneTheirMembersNowMake() {
    List<ProviderIncident> first =
        List.of(
            incident("amazon", "2021-06-08T10:00:00Z", null, Severity.MAJOR),
            incident("reddit", "2021-06-08T10:02:00Z", null, Severity.MAJOR));
    List<ProviderIncident> second =
        List.of(
            incident("github", "2021-06-08T10:40:00Z", null, Severity.MAJOR),
            incident("govuk", "2021-06-08T10:43:00Z", null, Severity.MAJOR));
    OutageLedger ledger = new OutageLedger();
    List<ProviderIncident> both = new ArrayList<>(first);
    both.addAll(second);
    List<OutageChange> opened =
        ledger.reconcile(correlator.correlate(both), List.of(), key -> true);
    assertThat(opened).hasSize(2);
    List<ProviderIncident> joined = new ArrayList<>(both);
    joined.add(incident("fastly", "2021-06-08T10:20:00Z", null, Severity.CRITICAL));

    List<OutageChange> changes =
        ledger.reconcile(correlator.correlate(joined), List.of(), key -> true);

    String older = opened.get(0).id();
    String younger = opened.get(1).id();
    assertThat(older).startsWith("amazon-");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0))
        .satisfies(
            c -> {
              OutageRevision r = ((OutageChange.Revised) c).revision();
              assertThat(r.id()).as("named after the earliest member, as before").isEqualTo(older);
              assertThat(r.state()).isEqualTo(OutageRevision.State.UPDATED);
              assertThat(r.outage().providers())
                  .containsExactly("amazon", "fastly", "github", "govuk", "reddit");
            });
    assertThat(changes.get(1))
        .satisfies(
            c -> {
              OutageRevision r = ((OutageChange.Revised) c).revision();
              assertThat(r.id()).isEqualTo(younger);
              assertThat(r.state()).isEqualTo(OutageRevision.State.MERGED);
              assertThat(r.mergedInto()).isEqualTo(older);
              assertThat(r.version()).isEqualTo(2);
            });
    assertThat(ledger.published()).containsOnlyKeys(older);
  }

  @Test
  void anIdThatComesBackAfterARetractionContinuesItsVersions() {
    OutageLedger ledger = new OutageLedger();
    List<Outage> outages = correlator.correlate(fastly2021());
    Outage outage = outages.get(0);
    List<String> keys = outage.members().stream().map(Outage.Member::key).toList();

    OutageRevision opened =
        ((OutageChange.Revised) ledger.reconcile(outages, List.of(), key -> true).get(0))
            .revision();
    List<OutageChange> retracted =
        ledger.reconcile(List.of(), List.of(opened.id()), keys::contains);
    List<OutageChange> back = ledger.reconcile(outages, List.of(), key -> true);

    assertThat(retracted).singleElement().isInstanceOf(OutageChange.Retracted.class);
    assertThat(back)
        .singleElement()
        .satisfies(
            c -> {
              OutageRevision r = ((OutageChange.Revised) c).revision();
              assertThat(r.id()).isEqualTo(opened.id());
              assertThat(r.version()).as("v1 published, v2 the retraction").isEqualTo(3);
              assertThat(r.state()).isEqualTo(opened.state());
            });
    assertThat(ledger.ended()).isEmpty();
  }

  @Test
  void ledgerLeavesAgedOutOutagesAlone() {
    OutageRevision published =
        ((OutageChange.Revised)
                OutageLedger.reconcile(Map.of(), correlator.correlate(fastly2021()), Set.of())
                    .get(0))
            .revision();

    assertThat(OutageLedger.reconcile(Map.of(published.id(), published), List.of(), Set.of()))
        .isEmpty();
  }

  private static ProviderIncident titled(
      String provider, String start, String title, Severity severity, String... components) {
    return new ProviderIncident(
        provider,
        provider + "-" + start,
        title,
        severity,
        Instant.parse(start),
        null,
        List.of(components));
  }

  @Test
  void providersThatFailEveryDayMakeNoOutageWhereProvidersThatRarelyFailDo() {
    List<ProviderIncident> noisy = new ArrayList<>();
    Instant day = Instant.parse("2025-03-01T09:00:00Z");
    for (int d = 0; d < 21; d++) {
      Instant start = day.plus(Duration.ofDays(d));
      noisy.add(
          new ProviderIncident(
              "alpha", "a" + d, "slow", Severity.MAJOR, start, start.plusSeconds(1800), List.of()));
      noisy.add(
          new ProviderIncident(
              "beta",
              "b" + d,
              "slow",
              Severity.MAJOR,
              start.plusSeconds(600),
              start.plusSeconds(2400),
              List.of()));
    }
    Instant last = day.plus(Duration.ofDays(21));
    List<ProviderIncident> today =
        List.of(
            new ProviderIncident("alpha", "a-today", "slow", Severity.MAJOR, last, null, List.of()),
            new ProviderIncident(
                "beta", "b-today", "slow", Severity.MAJOR, last.plusSeconds(600), null, List.of()));
    List<ProviderIncident> withHistory = new ArrayList<>(noisy);
    withHistory.addAll(today);

    Outage rare = correlator.correlate(today).get(0);
    List<Outage> habitual = correlator.correlate(withHistory);

    assertThat(rare.confidence()).isGreaterThan(0.6);
    assertThat(habitual)
        .as("two providers that fail together every day are their own background")
        .noneMatch(o -> o.firstOnset().equals(last));
  }

  @Test
  void aComponentThatRunsOnAnUpstreamLinksItsProviderToThatUpstream() {
    List<Outage> outages =
        correlator.correlate(
            List.of(
                titled(
                    "cloudflare",
                    "2025-06-12T17:52:00Z",
                    "Workers KV unavailable",
                    Severity.CRITICAL,
                    "Workers KV"),
                titled(
                    "gcp",
                    "2025-06-12T19:10:00Z",
                    "Multiple GCP products are experiencing Service issues",
                    Severity.MAJOR)));

    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.providers()).containsExactly("cloudflare", "gcp");
              assertThat(o.cause().provider()).isEqualTo("gcp");
              assertThat(o.cause().reason()).isEqualTo("declared upstream of cloudflare");
              assertThat(o.explanation())
                  .anySatisfy(
                      line ->
                          assertThat(line).contains("gcp is a declared upstream of cloudflare"));
            });
  }

  @Test
  void incidentsThatNameAnUpstreamCountAsEvidence() {
    List<Outage> outages =
        correlator.correlate(
            List.of(
                titled(
                    "linear",
                    "2025-10-20T07:00:00Z",
                    "Degraded performance due to an AWS us-east-1 issue",
                    Severity.MAJOR),
                // mailgun has no declared upstream: only its incident's text links it to aws.
                titled(
                    "mailgun",
                    "2025-10-20T07:04:00Z",
                    "Sending delayed: Amazon Web Services outage",
                    Severity.MAJOR),
                titled(
                    "aws",
                    "2025-10-20T08:15:00Z",
                    "Increased error rates in US-EAST-1",
                    Severity.MAJOR)));

    assertThat(outages)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.providers()).containsExactly("aws", "linear", "mailgun");
              assertThat(o.cause().provider()).isEqualTo("aws");
              assertThat(o.cause().reporting()).isTrue();
              assertThat(o.cause().reason()).isEqualTo("named by the incidents of linear, mailgun");
              assertThat(o.explanation())
                  .anySatisfy(line -> assertThat(line).contains("mailgun's incident names aws"));
            });
  }

  @Test
  void aSilentUpstreamThatReportsLaterBecomesAReportingCause() {
    List<ProviderIncident> dependents =
        List.of(
            incident("slack", "2025-10-20T07:00:00Z", null, Severity.MAJOR),
            incident("signal", "2025-10-20T07:05:00Z", null, Severity.MAJOR),
            incident("venmo", "2025-10-20T07:09:00Z", null, Severity.MAJOR));
    List<ProviderIncident> withAws = new ArrayList<>(dependents);
    withAws.add(incident("aws", "2025-10-20T08:20:00Z", null, Severity.MAJOR));

    Outage before = correlator.correlate(dependents).get(0);
    Outage after = correlator.correlate(withAws).get(0);

    assertThat(before.cause())
        .isEqualTo(
            new Cause("aws", false, "shared upstream of signal, slack, venmo; not reporting yet"));
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.providers()).contains("aws");
    assertThat(after.cause())
        .isEqualTo(new Cause("aws", true, "declared upstream of signal, slack, venmo"));
    assertThat(after.confidence()).isGreaterThanOrEqualTo(before.confidence());
  }

  @Test
  void blamingAnUnnamedThirdPartyRaisesConfidenceWithoutNamingACause() {
    List<ProviderIncident> plain =
        List.of(
            titled("linear", "2025-03-01T10:00:00Z", "Elevated errors", Severity.MAJOR),
            titled("notion", "2025-03-01T10:12:00Z", "Elevated errors", Severity.MAJOR));
    List<ProviderIncident> blaming =
        List.of(
            titled(
                "linear",
                "2025-03-01T10:00:00Z",
                "Elevated errors caused by a third-party provider",
                Severity.MAJOR),
            titled("notion", "2025-03-01T10:12:00Z", "Elevated errors", Severity.MAJOR));

    Outage without = correlator.correlate(plain).get(0);
    Outage with = correlator.correlate(blaming).get(0);

    assertThat(with.cause().provider()).isNull();
    assertThat(with.confidence()).isGreaterThan(without.confidence());
  }
}
