package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * incident.io status pages ({@code incidentio}), such as status.openai.com since 2025, in the
 * shapes they serve publicly:
 *
 * <ul>
 *   <li>the widget API ({@code /api/v1/summary}, formerly {@code /proxy/<host>/widget}): {@code
 *       ongoing_incidents}, {@code in_progress_maintenances}, {@code scheduled_maintenances}, each
 *       item a digest of its latest update;
 *   <li>the page's proxy summary ({@code /proxy/<host>}): {@code {"summary": {...}}} with the
 *       page's {@code components}, {@code structure} and full incidents ({@code updates[]}, {@code
 *       component_impacts[]});
 *   <li>the proxy's incident history ({@code /proxy/<host>/incidents}) and one incident ({@code
 *       /proxy/<host>/incidents/<id>}): {@code {"incidents": [...]}} and {@code {"incident":
 *       {...}}}.
 * </ul>
 *
 * <p>How each incident becomes updates is {@link IncidentIoIncident}'s business. Component statuses
 * of the page that no incident names are not read: unlike Statuspage, incident.io shows impact only
 * through incidents, so there is nothing there an incident would not already say.
 */
public final class IncidentIoAdapter implements FormatAdapter {

  public static final String FORMAT = "incidentio";

  private static final List<String> WIDGET_LISTS =
      List.of("ongoing_incidents", "in_progress_maintenances", "scheduled_maintenances");

  @Override
  public String format() {
    return FORMAT;
  }

  /**
   * The widget lists, a proxy summary, or incidents in incident.io's shape. Statuspage's
   * summary.json also has {@code scheduled_maintenances}, but beside a {@code page} object, and its
   * incidents carry {@code incident_updates} where incident.io's carry {@code updates}.
   */
  @Override
  public boolean recognizes(JsonNode document) {
    if (document == null || !document.isObject()) {
      return false;
    }
    JsonNode summary = document.path("summary");
    if (summary.isObject() && summary.path("ongoing_incidents").isArray()) {
      return true;
    }
    if (document.path("ongoing_incidents").isArray()
        || document.path("in_progress_maintenances").isArray()) {
      return true;
    }
    if (document.path("scheduled_maintenances").isArray() && !document.path("page").isObject()) {
      return true;
    }
    JsonNode incidents = document.path("incidents");
    if (incidents.isArray() && !incidents.isEmpty()) {
      return isIncidentIoIncident(incidents.get(0));
    }
    return isIncidentIoIncident(document.path("incident"));
  }

  @Override
  public ParseResult parse(RawStatus raw) {
    try {
      JsonNode tree = BoundedJson.read(raw.payload());
      Provenance provenance = Provenance.fromRecordKey(raw, FORMAT);
      PayloadObject document = PayloadObject.of(tree, "incidentio payload");
      List<StatusUpdate> updates = new ArrayList<>();
      incidents(document).forEach(incident -> updates.addAll(incident.updates(provenance)));
      return ParseResult.parsed(ComponentMentions.checked(updates));
    } catch (MalformedPayload e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private static boolean isIncidentIoIncident(JsonNode incident) {
    return incident.isObject()
        && !incident.has("incident_updates")
        && (incident.path("updates").isArray()
            || incident.path("component_impacts").isArray()
            || incident.has("status_page_id"));
  }

  private static List<IncidentIoIncident> incidents(PayloadObject document) {
    Optional<PayloadObject> summary = document.object("summary", "incidentio summary");
    PayloadObject lists = summary.orElse(document);
    Map<String, String> names = componentNames(lists);
    List<IncidentIoIncident> incidents = new ArrayList<>();
    boolean recognized = summary.isPresent();
    for (String list : WIDGET_LISTS) {
      recognized |= lists.has(list);
      boolean maintenances = !list.equals("ongoing_incidents");
      String kind = maintenances ? "incidentio maintenance" : "incidentio incident";
      for (PayloadObject incident : lists.objects(list, kind)) {
        incidents.add(IncidentIoIncident.read(incident, maintenances, names));
      }
    }
    for (PayloadObject incident : document.objects("incidents", "incidentio incident")) {
      incidents.add(IncidentIoIncident.read(incident, false, names));
      recognized = true;
    }
    Optional<PayloadObject> single = document.object("incident", "incidentio incident");
    if (single.isPresent()) {
      incidents.add(IncidentIoIncident.read(single.get(), false, names));
      recognized = true;
    }
    if (!recognized) {
      throw new MalformedPayload(
          "incidentio payload has no 'summary', 'ongoing_incidents', 'in_progress_maintenances', "
              + "'scheduled_maintenances', 'incidents' or 'incident' field (its fields: "
              + document.fieldNames()
              + ")");
    }
    return incidents;
  }

  /** Component names by id, from the summary's component list and its grouped structure. */
  private static Map<String, String> componentNames(PayloadObject summary) {
    Map<String, String> names = new HashMap<>();
    for (PayloadObject component : summary.objects("components", "incidentio component")) {
      Optional<String> id = component.text("id").or(() -> component.text("component_id"));
      Optional<String> name = component.text("name");
      if (id.isPresent() && name.isPresent()) {
        names.put(id.get(), name.get());
      }
    }
    Optional<PayloadObject> structure = summary.object("structure", "incidentio structure");
    if (structure.isPresent()) {
      for (PayloadObject item : structure.get().objects("items", "incidentio structure item")) {
        Optional<PayloadObject> group = item.object("group", "incidentio component group");
        if (group.isPresent()) {
          for (PayloadObject member :
              group.get().objects("components", "incidentio grouped component")) {
            Optional<String> id = member.text("component_id");
            Optional<String> name = member.text("name");
            if (id.isPresent() && name.isPresent()) {
              names.putIfAbsent(id.get(), name.get());
            }
          }
        }
      }
    }
    return names;
  }
}
