package dev.tandem.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Renders an evaluation for people (one block per scenario, then the totals) or for machines (one
 * JSON document; durations in seconds, undefined scores as null).
 */
public final class EvaluationReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationReport() {}

  /** One scenario's block: its expected outages, then its found ones, each saying how it fared. */
  public static String text(ScenarioScore s) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s  (%s, %s%s)%n",
            s.name(),
            count(s.records(), "record"),
            count(s.incidents(), "incident"),
            s.scored() ? "" : "; no expected file, not scored"));
    if (s.scored() && s.expectedOutages().isEmpty() && s.found().isEmpty()) {
      out.append("  no outage expected, none found").append(System.lineSeparator());
      return out.toString();
    }
    if (s.scored() && s.expectedOutages().isEmpty()) {
      out.append("  no outage expected").append(System.lineSeparator());
    }
    for (int i = 0; i < s.expectedOutages().size(); i++) {
      ExpectedOutcome.ExpectedOutage e = s.expectedOutages().get(i);
      int index = i;
      OutageMatching.Match m =
          s.matches().stream().filter(x -> x.expected() == index).findFirst().orElse(null);
      out.append(
          String.format(
              Locale.ROOT,
              "  expected     %s  %s  %s  -> %s%n",
              String.join(", ", e.providers()),
              cause(e.suspectedCause()),
              e.finalState() == null ? "any state" : e.finalState(),
              m == null
                  ? "MISSED"
                  : String.format(Locale.ROOT, "found (Jaccard %.2f)", m.jaccard())));
    }
    if (!s.scored() && s.found().isEmpty()) {
      out.append("  no outage found").append(System.lineSeparator());
    }
    for (int i = 0; i < s.found().size(); i++) {
      FoundOutage f = s.found().get(i);
      OutageMatching.Match m = s.matchOfFound(i);
      String verdict =
          !s.scored()
              ? ""
              : m == null
                  ? "  -> FALSE ALARM"
                  : "  -> cause "
                      + (s.causeCorrect(m) ? "right" : "WRONG")
                      + ", final state "
                      + (s.finalStateCorrect(m) ? "right" : "WRONG");
      out.append(
          String.format(
              Locale.ROOT,
              "  found        %s  %s  %s  confidence %.2f  delay %s  %s%s%n",
              String.join(", ", f.providers()),
              cause(f.suspectedCause()),
              f.finalState(),
              f.confidence(),
              duration(f.detectionDelay()),
              f.id(),
              verdict));
    }
    return out.toString();
  }

  /** The totals block over the scored scenarios. */
  public static String totals(Evaluation e) {
    PairCounts pairs = e.pairs();
    DelaySummary delay = e.detectionDelay();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "totals over %s (%d replayed)%n",
            count(e.scored().size(), "scored scenario"),
            e.scenarios().size()));
    out.append(
        String.format(
            Locale.ROOT,
            "  outages          %d expected, %d found: %d matched, %d missed, %s%n",
            e.expectedOutages(),
            e.foundOutages(),
            e.matched(),
            e.missed(),
            count(e.falseAlarms(), "false alarm")));
    if (e.foundBySize().size() > 1) {
      out.append(
          String.format(
              Locale.ROOT,
              "  found by size    %s%n",
              String.join(
                  ", ",
                  e.foundBySize().entrySet().stream()
                      .map(
                          entry ->
                              entry.getKey()
                                  + " providers "
                                  + entry.getValue().numerator()
                                  + "/"
                                  + entry.getValue().denominator())
                      .toList())));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  provider pairs   precision %s  recall %s  F1 %s%n",
            ratio(pairs.precision()),
            ratio(pairs.recall()),
            ratio(pairs.f1())));
    out.append(
        String.format(
            Locale.ROOT,
            "  cause            accuracy %s over matched outages%n",
            ratio(e.causeAccuracy())));
    out.append(
        String.format(
            Locale.ROOT,
            "  final state      accuracy %s over matched outages%n",
            ratio(e.finalStateAccuracy())));
    out.append(
        delay.count() == 0
            ? String.format(Locale.ROOT, "  detection delay  none measured%n")
            : String.format(
                Locale.ROOT,
                "  detection delay  min %s, median %s, max %s over %s%n",
                duration(delay.min()),
                duration(delay.median()),
                duration(delay.max()),
                count(delay.count(), "matched outage")));
    return out.toString();
  }

  public static String text(Evaluation e) {
    StringBuilder out = new StringBuilder();
    e.scenarios().forEach(s -> out.append(text(s)));
    return out.append(totals(e)).toString();
  }

  public static String json(Evaluation e) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode scenarios = root.putArray("scenarios");
    for (ScenarioScore s : e.scenarios()) {
      ObjectNode node = scenarios.addObject();
      node.put("name", s.name());
      node.put("scored", s.scored());
      node.put("records", s.records());
      node.put("incidents", s.incidents());
      ArrayNode expected = node.putArray("expected");
      for (int i = 0; i < s.expectedOutages().size(); i++) {
        ExpectedOutcome.ExpectedOutage x = s.expectedOutages().get(i);
        int index = i;
        ObjectNode o = expected.addObject();
        providers(o, x.providers());
        o.put("suspectedCause", x.suspectedCause());
        o.put("finalState", x.finalState());
        o.put("matched", s.matches().stream().anyMatch(m -> m.expected() == index));
      }
      ArrayNode found = node.putArray("found");
      for (int i = 0; i < s.found().size(); i++) {
        FoundOutage f = s.found().get(i);
        OutageMatching.Match m = s.matchOfFound(i);
        ObjectNode o = found.addObject();
        o.put("id", f.id());
        providers(o, f.providers());
        o.put("suspectedCause", f.suspectedCause());
        o.put("finalState", f.finalState());
        o.put("confidence", f.confidence());
        o.put("secondProviderFirstUpdate", time(f.secondProviderFirstUpdate()));
        o.put("detectedAt", time(f.detectedAt()));
        putSeconds(o, "detectionDelaySeconds", f.detectionDelay());
        if (m == null) {
          o.putNull("matchedExpected");
        } else {
          o.put("matchedExpected", m.expected());
          o.put("jaccard", m.jaccard());
          o.put("causeCorrect", s.causeCorrect(m));
          o.put("finalStateCorrect", s.finalStateCorrect(m));
        }
        if (s.scored()) {
          o.put("falseAlarm", m == null);
        }
      }
      if (s.scored()) {
        pairs(node.putObject("pairs"), s.pairs());
        node.put("missed", s.missed().size());
        node.put("falseAlarms", s.falseAlarms().size());
      }
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("scenarios", e.scenarios().size());
    totals.put("scoredScenarios", e.scored().size());
    totals.put("expectedOutages", e.expectedOutages());
    totals.put("foundOutages", e.foundOutages());
    totals.put("matched", e.matched());
    totals.put("missed", e.missed());
    totals.put("falseAlarms", e.falseAlarms());
    ObjectNode bySize = totals.putObject("foundBySize");
    e.foundBySize()
        .forEach(
            (size, r) ->
                bySize
                    .putObject(String.valueOf(size))
                    .put("found", r.numerator())
                    .put("expected", r.denominator()));
    pairs(totals.putObject("pairs"), e.pairs());
    putRatio(totals, "causeAccuracy", e.causeAccuracy());
    putRatio(totals, "finalStateAccuracy", e.finalStateAccuracy());
    DelaySummary delay = e.detectionDelay();
    ObjectNode d = totals.putObject("detectionDelaySeconds");
    d.put("count", delay.count());
    putSeconds(d, "min", delay.min());
    putSeconds(d, "median", delay.median());
    putSeconds(d, "max", delay.max());
    try {
      return JSON.writeValueAsString(root) + System.lineSeparator();
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("a JSON tree always serializes", ex);
    }
  }

  private static void pairs(ObjectNode node, PairCounts pairs) {
    node.put("found", pairs.found());
    node.put("expected", pairs.expected());
    node.put("correct", pairs.correct());
    putRatio(node, "precision", pairs.precision());
    putRatio(node, "recall", pairs.recall());
    putRatio(node, "f1", pairs.f1());
  }

  private static void providers(ObjectNode node, List<String> providers) {
    ArrayNode array = node.putArray("providers");
    providers.forEach(array::add);
  }

  private static void putRatio(ObjectNode node, String field, Ratio r) {
    if (r.defined()) {
      node.put(field, r.value());
    } else {
      node.putNull(field);
    }
  }

  private static void putSeconds(ObjectNode node, String field, Duration d) {
    if (d == null) {
      node.putNull(field);
    } else {
      node.put(field, d.toSeconds());
    }
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String cause(String provider) {
    return provider == null ? "no cause" : "cause " + provider;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** e.g. {@code 0.667 (2/3)}, or {@code n/a (0/0)} when there is nothing to measure. */
  static String ratio(Ratio r) {
    String value = r.defined() ? String.format(Locale.ROOT, "%.3f", r.value()) : "n/a";
    return value + " (" + r.numerator() + "/" + r.denominator() + ")";
  }

  /** e.g. {@code 0 s}, {@code 4 min 30 s}, {@code 1 h 5 min}; {@code -} when unknown. */
  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    String sign = s < 0 ? "-" : "";
    s = Math.abs(s);
    if (s < 60) {
      return sign + s + " s";
    }
    if (s < 3600) {
      return sign + (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    return sign + (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
  }
}
