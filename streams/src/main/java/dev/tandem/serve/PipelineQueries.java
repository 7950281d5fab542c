package dev.tandem.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.alert.CorrelateProcessor;
import dev.tandem.alert.OutageJson;
import dev.tandem.alert.OutageRecords;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.Incident;
import dev.tandem.contract.IncidentHistory;
import dev.tandem.contract.OutageState;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.correlate.CorrelationSettings;
import dev.tandem.correlate.DependencyGraph;
import dev.tandem.correlate.Explainer;
import dev.tandem.correlate.LearnedRate;
import dev.tandem.correlate.ProviderIncident;
import dev.tandem.track.IncidentLifecycle;
import dev.tandem.track.TrackProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The API's answers from this instance's own stores (interactive queries). Which instance holds a
 * store's data is {@link InstanceRouter}'s business: these methods are called where it is.
 */
final class PipelineQueries {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StringSerializer KEYS = new StringSerializer();

  /** Which outages a list asks for. */
  enum StateFilter {
    OPEN,
    RESOLVED,
    ALL;

    boolean admits(OutageState state) {
      return switch (this) {
        case ALL -> true;
        case OPEN -> state == OutageState.OPEN || state == OutageState.UPDATED;
        case RESOLVED -> state == OutageState.RESOLVED || state == OutageState.EXPIRED;
      };
    }
  }

  private final KafkaStreams streams;
  private final CorrelationSettings settings;
  private final DependencyGraph graph;

  PipelineQueries(KafkaStreams streams, CorrelationSettings settings, DependencyGraph graph) {
    this.streams = streams;
    this.settings = settings;
    this.graph = graph;
  }

  /** The outages the correlate store holds as last published (not the ended ids) that match. */
  private List<CorrelatedOutage> heldOutages(java.util.function.Predicate<CorrelatedOutage> match) {
    List<CorrelatedOutage> matching = new ArrayList<>();
    try (KeyValueIterator<String, CorrelatedOutage> all =
        this.<CorrelatedOutage>store(CorrelateProcessor.OUTAGES_STORE).all()) {
      all.forEachRemaining(
          kv -> {
            if (!kv.key.startsWith(CorrelateProcessor.ENDED)
                && kv.value != null
                && match.test(kv.value)) {
              matching.add(kv.value);
            }
          });
    }
    return matching;
  }

  /** Outages as last published, newest first onset first. */
  JsonNode outages(StateFilter state, Instant since, int limit) {
    List<CorrelatedOutage> matching =
        heldOutages(
            o ->
                state.admits(o.getState()) && (since == null || !o.getLastOnset().isBefore(since)));
    matching.sort(
        Comparator.comparing(CorrelatedOutage::getFirstOnset)
            .reversed()
            .thenComparing(CorrelatedOutage::getId));
    ArrayNode list = JSON.createArrayNode();
    matching.stream().limit(limit).forEach(o -> list.add(tree(OutageJson.toJson(o))));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("count", Math.min(limit, matching.size()));
    answer.put("total", matching.size());
    answer.set("outages", list);
    return answer;
  }

  /** The outage as last published and every version of it, oldest first. */
  JsonNode outage(String id) {
    ArrayNode history = JSON.createArrayNode();
    try (KeyValueIterator<String, String> versions =
        this.<String>store(CorrelateProcessor.HISTORY_STORE).prefixScan(id + "#", KEYS)) {
      versions.forEachRemaining(kv -> history.add(tree(kv.value)));
    }
    CorrelatedOutage last = this.<CorrelatedOutage>store(CorrelateProcessor.OUTAGES_STORE).get(id);
    if (history.isEmpty() && last == null) {
      throw ApiError.notFound("no outage " + id);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("id", id);
    answer.set("current", last == null ? null : tree(OutageJson.toJson(last)));
    answer.set("history", history);
    return answer;
  }

  /**
   * Every provider correlation holds, with its condition now.
   *
   * @param now when rates are learned as of; null: the newest update held (so that a replay of last
   *     year reads as it did then)
   */
  JsonNode providers(Instant now) {
    Map<String, List<Incident>> byProvider = incidentsByProvider();
    if (now == null) {
      now = newestUpdate(byProvider).orElse(Instant.EPOCH);
    }
    Instant asOf = now;
    ArrayNode list = JSON.createArrayNode();
    byProvider.forEach((provider, incidents) -> list.add(provider(provider, incidents, asOf)));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("count", list.size());
    answer.set("providers", list);
    return answer;
  }

  private Map<String, List<Incident>> incidentsByProvider() {
    Map<String, List<Incident>> byProvider = new TreeMap<>();
    try (KeyValueIterator<String, Incident> all =
        this.<Incident>store(CorrelateProcessor.INCIDENTS_STORE).all()) {
      all.forEachRemaining(
          kv ->
              byProvider
                  .computeIfAbsent(kv.value.getProvider(), p -> new ArrayList<>())
                  .add(kv.value));
    }
    return byProvider;
  }

  private ObjectNode provider(String provider, List<Incident> incidents, Instant now) {
    List<Incident> open =
        incidents.stream()
            .filter(
                i ->
                    i.getResolvedAt() == null
                        && OutageRecords.severity(i.getImpact()).countsAsOutage())
            .sorted(Comparator.comparing(Incident::getStartedAt))
            .toList();
    Impact worst = Impact.NONE;
    for (Incident i : open) {
      worst = i.getImpact().compareTo(worst) > 0 ? i.getImpact() : worst;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("provider", provider);
    node.put("condition", condition(worst));
    Instant since =
        open.isEmpty()
            ? incidents.stream()
                .map(Incident::getResolvedAt)
                .filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null)
            : open.get(0).getStartedAt();
    node.put("since", since == null ? null : since.toString());
    ArrayNode openIncidents = node.putArray("openIncidents");
    open.forEach(i -> openIncidents.add(tree(OutageJson.toJson(i))));
    node.put(
        "incidentsPerDay",
        LearnedRate.perDay(
            settings,
            provider,
            incidents.stream().map(OutageRecords::toProviderIncident).toList(),
            now));
    return node;
  }

  /** Statuspage's words: a minor incident degrades, a major or critical one is an outage. */
  private static String condition(Impact worst) {
    return switch (worst) {
      case MINOR -> "degraded";
      case MAJOR, CRITICAL -> "outage";
      default -> "operational";
    };
  }

  /**
   * What the dashboard's timeline draws between {@code from} and {@code to}, in one answer however
   * many providers are watched: the outages in the window and the rows that matter there, at most
   * {@code maxRows} (README, "Dashboard"; design §1). Rows, in this order: the members of the
   * window's outages (newest outage first, its suspected cause first), then the providers degraded
   * now (an open incident of impact MINOR or worse), then those with such an incident in the
   * window; a provider with nothing worse than maintenance in the window is left out. Each row
   * holds its incidents that overlap the window, of any impact. Outages correlation has let go of
   * come from {@code published}, their members' incidents from the outage itself.
   *
   * @param to null: the newest update held (a replay of last year reads as it did then)
   * @param from null: six hours before {@code to}
   * @param published the outages as last published on the topic
   */
  JsonNode timeline(Instant from, Instant to, int maxRows, List<JsonNode> published) {
    Map<String, List<Incident>> byProvider = incidentsByProvider();
    if (to == null) {
      to = newestUpdate(byProvider).orElse(Instant.EPOCH);
    }
    if (from == null) {
      from = to.minus(Duration.ofHours(6));
    }
    if (!from.isBefore(to)) {
      throw ApiError.badRequest("from must be before to");
    }
    Instant start = from;
    Instant end = to;
    Map<String, JsonNode> outages = new TreeMap<>();
    for (CorrelatedOutage o :
        heldOutages(o -> overlaps(o.getFirstOnset(), o.getResolvedAt(), start, end))) {
      outages.put(o.getId(), tree(OutageJson.toJson(o)));
    }
    for (JsonNode o : published) {
      if (overlaps(instant(o, "firstOnset"), instant(o, "resolvedAt"), start, end)) {
        outages.putIfAbsent(o.get("id").asText(), o);
      }
    }
    List<JsonNode> newestFirst =
        outages.values().stream()
            .sorted(
                Comparator.<JsonNode, Instant>comparing(o -> instant(o, "firstOnset"))
                    .reversed()
                    .thenComparing(o -> o.get("id").asText()))
            .toList();
    Map<String, String> why = new java.util.LinkedHashMap<>();
    Map<String, List<JsonNode>> memberBars = new TreeMap<>();
    for (JsonNode o : newestFirst) {
      JsonNode cause = o.path("suspectedCause").path("provider");
      List<String> providers = new ArrayList<>();
      o.get("providers").forEach(p -> providers.add(p.asText()));
      if (cause.isTextual() && providers.contains(cause.asText())) {
        why.putIfAbsent(cause.asText(), "outage");
      }
      providers.forEach(p -> why.putIfAbsent(p, "outage"));
      o.path("members")
          .forEach(
              m ->
                  memberBars
                      .computeIfAbsent(m.get("provider").asText(), p -> new ArrayList<>())
                      .add(m));
    }
    byProvider.forEach(
        (provider, incidents) -> {
          if (incidents.stream().anyMatch(i -> i.getResolvedAt() == null && counts(i))) {
            why.putIfAbsent(provider, "degraded");
          }
        });
    Map<String, Instant> firstInWindow = new TreeMap<>();
    byProvider.forEach(
        (provider, incidents) ->
            incidents.stream()
                .filter(i -> counts(i) && overlaps(i.getStartedAt(), i.getResolvedAt(), start, end))
                .map(Incident::getStartedAt)
                .min(Comparator.naturalOrder())
                .ifPresent(first -> firstInWindow.put(provider, first)));
    firstInWindow.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(e -> why.putIfAbsent(e.getKey(), "incident"));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("from", from.toString());
    answer.put("to", to.toString());
    ArrayNode rows = answer.putArray("rows");
    why.entrySet().stream()
        .limit(maxRows)
        .forEach(
            e -> {
              String provider = e.getKey();
              Map<String, JsonNode> bars = new TreeMap<>();
              byProvider.getOrDefault(provider, List.of()).stream()
                  .filter(i -> overlaps(i.getStartedAt(), i.getResolvedAt(), start, end))
                  .forEach(i -> bars.put(i.getIncidentId(), tree(OutageJson.toJson(i))));
              // A member correlation no longer holds: the outage says what it was.
              memberBars
                  .getOrDefault(provider, List.of())
                  .forEach(m -> bars.putIfAbsent(m.get("incidentId").asText(), m));
              ObjectNode row = rows.addObject();
              row.put("provider", provider);
              row.put("why", e.getValue());
              ArrayNode list = row.putArray("incidents");
              bars.values().stream()
                  .sorted(Comparator.comparing(i -> instant(i, "startedAt")))
                  .forEach(list::add);
            });
    answer.put("hiddenRows", Math.max(0, why.size() - maxRows));
    ArrayNode list = answer.putArray("outages");
    newestFirst.forEach(list::add);
    return answer;
  }

  /** A time of Tandem's JSON, null when absent. */
  private static Instant instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : Instant.parse(value.asText());
  }

  private static boolean counts(Incident i) {
    return OutageRecords.severity(i.getImpact()).countsAsOutage();
  }

  /** Whether [start, end) (end null: still going) overlaps [from, to). */
  private static boolean overlaps(Instant start, Instant end, Instant from, Instant to) {
    return start.isBefore(to) && (end == null || end.isAfter(from));
  }

  private static java.util.Optional<Instant> newestUpdate(Map<String, List<Incident>> byProvider) {
    return byProvider.values().stream()
        .flatMap(List::stream)
        .map(Incident::getLastUpdatedAt)
        .max(Comparator.naturalOrder());
  }

  /** A provider's incidents as tracked (all it ever reported), newest first. */
  JsonNode providerIncidents(String provider) {
    List<Incident> incidents = new ArrayList<>();
    try (KeyValueIterator<String, IncidentHistory> all =
        this.<IncidentHistory>store(TrackProcessor.HISTORY_STORE)
            .prefixScan(provider + "/", KEYS)) {
      all.forEachRemaining(kv -> incidents.add(IncidentLifecycle.fold(kv.value.getUpdates())));
    }
    if (incidents.isEmpty()) {
      throw ApiError.notFound("no incidents of provider " + provider);
    }
    incidents.sort(Comparator.comparing(Incident::getStartedAt).reversed());
    ArrayNode list = JSON.createArrayNode();
    incidents.forEach(i -> list.add(lifecycle(i)));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("provider", provider);
    answer.put("count", list.size());
    answer.set("incidents", list);
    return answer;
  }

  /** One incident's lifecycle: its phases with their durations and every update. */
  JsonNode incident(String provider, String incidentId) {
    IncidentHistory history =
        this.<IncidentHistory>store(TrackProcessor.HISTORY_STORE).get(provider + "/" + incidentId);
    if (history == null) {
      throw ApiError.notFound("no incident " + incidentId + " of provider " + provider);
    }
    ObjectNode answer = lifecycle(IncidentLifecycle.fold(history.getUpdates()));
    ArrayNode updates = answer.putArray("updates");
    history.getUpdates().stream()
        .sorted(Comparator.comparing(StatusUpdate::getUpdatedAt))
        .forEach(
            u -> {
              ObjectNode update = updates.addObject();
              update.put("updateId", u.getUpdateId());
              update.put("status", u.getStatus().name());
              update.put("impact", u.getImpact().name());
              update.put("updatedAt", u.getUpdatedAt().toString());
              update.put("title", u.getTitle());
              update.put("body", u.getBody());
            });
    return answer;
  }

  private static ObjectNode lifecycle(Incident i) {
    ObjectNode node = (ObjectNode) tree(OutageJson.toJson(i));
    ObjectNode phases = node.putObject("phases");
    phases.put("toIdentify", duration(i.getTimeToIdentifyMillis()));
    phases.put("toMitigate", duration(i.getTimeToMitigateMillis()));
    phases.put("toResolve", duration(i.getTimeToResolveMillis()));
    return node;
  }

  private static String duration(Long millis) {
    return millis == null ? null : Duration.ofMillis(millis).toString();
  }

  /** What {@code tandem explain} prints, from the incidents correlation holds now. */
  JsonNode explain(String provider, Instant at) {
    Instant from = at.minus(settings.retention()).minus(Duration.ofDays(2));
    Instant to = at.plus(Duration.ofDays(1));
    List<ProviderIncident> near = new ArrayList<>();
    try (KeyValueIterator<String, Incident> all =
        this.<Incident>store(CorrelateProcessor.INCIDENTS_STORE).all()) {
      all.forEachRemaining(
          kv -> {
            Instant start = kv.value.getStartedAt();
            if (!start.isBefore(from) && start.isBefore(to)) {
              near.add(OutageRecords.toProviderIncident(kv.value));
            }
          });
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("provider", provider);
    answer.put("at", at.toString());
    ArrayNode lines = answer.putArray("lines");
    new Explainer(settings, graph).explain(near, provider, at).forEach(lines::add);
    return answer;
  }

  /** Whether this instance's correlate stores answer queries now. */
  boolean correlateQueryable() {
    try {
      this.<CorrelatedOutage>store(CorrelateProcessor.OUTAGES_STORE).approximateNumEntries();
      return true;
    } catch (ApiError | InvalidStateStoreException e) {
      return false;
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
              name, QueryableStoreTypes.<String, V>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw ApiError.unavailable(
          "the pipeline's store " + name + " cannot be queried now (" + e.getMessage() + ")");
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Tandem's own JSON always parses", e);
    }
  }
}
