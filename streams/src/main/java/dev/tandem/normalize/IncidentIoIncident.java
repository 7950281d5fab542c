package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One incident or maintenance of an incident.io status page, in either of the two shapes the page
 * serves: the proxy's full shape ({@code updates[]}, {@code component_impacts[]}), where every
 * update is one StatusUpdate, or the widget API's digest ({@code last_update_at}, {@code
 * last_update_message}, {@code current_worst_impact}), which is one StatusUpdate with id {@code
 * <incident id>@<last_update_at>} so that polling an unchanged widget repeats the id and the dedupe
 * store drops the repeat.
 *
 * <ul>
 *   <li>Impact: MAINTENANCE for maintenances; otherwise the worst component impact the incident
 *       names anywhere (degraded performance MINOR, partial outage MAJOR, full outage CRITICAL), or
 *       NONE when it names none, as Statuspage's "none" impact.
 *   <li>Started: the earliest of {@code published_at}, {@code started_at}, {@code starts_at},
 *       {@code created_at} and, for incidents, the start of any component impact (incident.io lets
 *       the author backdate an impact to when trouble began). The widget's incidents carry none of
 *       these, so their start is the first {@code last_update_at} seen; downstream keeps the
 *       earliest.
 *   <li>Components: each update's own {@code component_statuses}, or else the incident's {@code
 *       affected_components} and {@code component_impacts}; names come from the page's component
 *       list when the document has one, otherwise the component id stands in.
 * </ul>
 */
final class IncidentIoIncident {

  private final String id;
  private final String title;
  private final Impact impact;
  private final Instant startedAt;
  private final List<VendorUpdate> entries;

  private IncidentIoIncident(
      PayloadObject incident, String id, boolean maintenance, Map<String, String> names) {
    this.id = id;
    this.title = incident.text("name").orElse(id);
    List<AffectedComponent> components = incidentComponents(incident, names);
    this.impact = maintenance ? Impact.MAINTENANCE : worstImpact(incident);
    this.entries =
        hasUpdates(incident)
            ? updates(incident, components, names)
            : List.of(digest(incident, components));
    this.startedAt =
        startOf(incident, maintenance)
            .orElseGet(
                () ->
                    entries.stream()
                        .map(VendorUpdate::updatedAt)
                        .min(Instant::compareTo)
                        .orElseThrow());
  }

  /**
   * Reads one incident object.
   *
   * @param unnamed the object, named by its place in the payload until its id is known
   * @param listedAsMaintenance whether it came from a list of maintenances
   * @param names component names by component id, from the page's component list
   */
  static IncidentIoIncident read(
      PayloadObject unnamed, boolean listedAsMaintenance, Map<String, String> names) {
    String id = unnamed.requiredText("id");
    boolean maintenance =
        listedAsMaintenance
            || "maintenance".equalsIgnoreCase(unnamed.text("type").orElse(""))
            || IncidentIoVocabulary.isMaintenance(unnamed.text("status").orElse(null));
    String kind = maintenance ? "maintenance" : "incident";
    return new IncidentIoIncident(
        unnamed.named("incidentio " + kind + " " + quote(id)), id, maintenance, names);
  }

  List<StatusUpdate> updates(Provenance provenance) {
    return VendorUpdate.of(provenance, id, title, impact, startedAt, entries);
  }

  private static boolean hasUpdates(PayloadObject incident) {
    JsonNode updates = incident.node().get("updates");
    return updates != null && updates.isArray() && !updates.isEmpty();
  }

  private List<VendorUpdate> updates(
      PayloadObject incident, List<AffectedComponent> components, Map<String, String> names) {
    List<VendorUpdate> read = new ArrayList<>();
    for (PayloadObject unnamed : incident.objects("updates", incident.name() + " update")) {
      String updateId = unnamed.requiredText("id");
      PayloadObject update = unnamed.named(incident.name() + " update " + quote(updateId));
      // to_status on the status page's own JSON; incident_status and status in incident.io's API.
      String statusWord =
          update
              .text("to_status")
              .or(() -> update.text("incident_status"))
              .or(() -> update.text("status"))
              .orElseThrow(() -> update.missing("to_status"));
      Instant updatedAt = update.firstInstant("published_at", "created_at");
      List<AffectedComponent> own = componentStatuses(update, names);
      read.add(
          new VendorUpdate(
              updateId,
              IncidentIoVocabulary.incidentStatus(statusWord),
              updatedAt,
              message(update),
              own.isEmpty() ? components : own));
    }
    return read;
  }

  /** The widget's one-update digest of an incident. */
  private VendorUpdate digest(PayloadObject incident, List<AffectedComponent> components) {
    String statusWord = incident.text("status").orElseThrow(() -> incident.missing("status"));
    Instant updatedAt = incident.firstInstant("last_update_at", "published_at", "updated_at");
    return new VendorUpdate(
        id + "@" + updatedAt,
        IncidentIoVocabulary.incidentStatus(statusWord),
        updatedAt,
        incident.text("last_update_message").orElse(null),
        components);
  }

  /**
   * The update's text: {@code message_string} on status pages, {@code message} (markdown) in the
   * API.
   */
  private static String message(PayloadObject update) {
    if (update.has("message_string")) {
      return update.text("message_string").orElse(null);
    }
    JsonNode message = update.node().get("message");
    return message != null && message.isTextual() && !message.asText().isBlank()
        ? message.asText()
        : null;
  }

  private static Optional<Instant> startOf(PayloadObject incident, boolean maintenance) {
    List<Instant> candidates = new ArrayList<>();
    for (String field : List.of("published_at", "started_at", "starts_at", "created_at")) {
      incident.instant(field).ifPresent(candidates::add);
    }
    if (!maintenance) {
      for (PayloadObject impact :
          incident.objects("component_impacts", incident.name() + " component impact")) {
        impact.instant("start_at").ifPresent(candidates::add);
      }
    }
    return candidates.stream().min(Instant::compareTo);
  }

  private static Impact worstImpact(PayloadObject incident) {
    Impact worst = IncidentIoVocabulary.impact(incident.text("current_worst_impact").orElse(null));
    for (PayloadObject component :
        incident.objects("affected_components", incident.name() + " affected component")) {
      worst =
          IncidentIoVocabulary.worse(
              worst, IncidentIoVocabulary.impact(component.text("status").orElse(null)));
      worst =
          IncidentIoVocabulary.worse(
              worst, IncidentIoVocabulary.impact(component.text("current_status").orElse(null)));
    }
    for (PayloadObject impact :
        incident.objects("component_impacts", incident.name() + " component impact")) {
      worst = IncidentIoVocabulary.worse(worst, IncidentIoVocabulary.impact(statusWord(impact)));
    }
    if (hasUpdates(incident)) {
      for (PayloadObject update : incident.objects("updates", incident.name() + " update")) {
        for (PayloadObject status :
            update.objects("component_statuses", update.name() + " component status")) {
          worst =
              IncidentIoVocabulary.worse(worst, IncidentIoVocabulary.impact(statusWord(status)));
        }
      }
    }
    return worst == Impact.MAINTENANCE ? Impact.NONE : worst;
  }

  /**
   * The components the incident names: {@code affected_components} with the status they had during
   * the incident (the widget only knows their current one), then any others its impacts name.
   */
  private static List<AffectedComponent> incidentComponents(
      PayloadObject incident, Map<String, String> names) {
    Map<String, AffectedComponent> byId = new LinkedHashMap<>();
    for (PayloadObject component :
        incident.objects("affected_components", incident.name() + " affected component")) {
      String componentId =
          component
              .text("component_id")
              .or(() -> component.text("id"))
              .orElseThrow(() -> component.missing("component_id"));
      String word =
          component.text("status").or(() -> component.text("current_status")).orElse(null);
      String name = component.text("name").orElse(names.getOrDefault(componentId, componentId));
      byId.putIfAbsent(
          componentId, component(componentId, name, IncidentIoVocabulary.componentStatus(word)));
    }
    for (PayloadObject impact :
        incident.objects("component_impacts", incident.name() + " component impact")) {
      String componentId = impact.requiredText("component_id");
      byId.putIfAbsent(
          componentId,
          component(
              componentId,
              names.getOrDefault(componentId, componentId),
              IncidentIoVocabulary.componentStatus(statusWord(impact))));
    }
    return List.copyOf(byId.values());
  }

  private static List<AffectedComponent> componentStatuses(
      PayloadObject update, Map<String, String> names) {
    List<AffectedComponent> components = new ArrayList<>();
    for (PayloadObject status :
        update.objects("component_statuses", update.name() + " component status")) {
      String componentId = status.requiredText("component_id");
      components.add(
          component(
              componentId,
              names.getOrDefault(componentId, componentId),
              IncidentIoVocabulary.componentStatus(statusWord(status))));
    }
    return List.copyOf(components);
  }

  /** {@code status} on status pages, {@code component_status} in incident.io's API. */
  private static String statusWord(PayloadObject object) {
    return object.text("status").or(() -> object.text("component_status")).orElse(null);
  }

  private static AffectedComponent component(String id, String name, ComponentStatus status) {
    return AffectedComponent.newBuilder().setId(id).setName(name).setStatus(status).build();
  }
}
