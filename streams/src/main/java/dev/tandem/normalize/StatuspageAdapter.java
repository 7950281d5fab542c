package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Atlassian Statuspage v2 ({@code statuspage}): webhook bodies (an incident, or a component status
 * change), and the public API's incidents.json, incidents/unresolved.json,
 * scheduled-maintenances.json, summary.json and components.json.
 *
 * <p>Every {@code incident_updates[]} entry is one update ({@link StatuspageIncident}). Components
 * that are not operational and that no open incident names become updates of a synthetic incident
 * {@code component:<id>}; operational ones resolve it on every poll, and downstream drops
 * resolutions of synthetic incidents it never saw open. Group containers yield nothing when their
 * children are listed, which say more precisely what is broken ({@link ComponentIncidents}).
 */
public final class StatuspageAdapter implements FormatAdapter {

  public static final String FORMAT = "statuspage";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean recognizes(JsonNode document) {
    if (document == null || !document.isObject()) {
      return false;
    }
    boolean page = document.path("page").isObject();
    return document.path("incident").isObject()
        || document.path("incidents").isArray()
        || document.path("component_update").isObject()
        || page
            && (document.path("components").isArray()
                || document.path("scheduled_maintenances").isArray());
  }

  @Override
  public ParseResult parse(RawStatus raw) {
    try {
      JsonNode tree = BoundedJson.read(raw.payload());
      Provenance provenance = Provenance.fromRecordKey(raw, FORMAT);
      return ParseResult.parsed(
          ComponentMentions.checked(
              updates(PayloadObject.of(tree, "statuspage payload"), provenance)));
    } catch (MalformedPayload e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private static List<StatusUpdate> updates(PayloadObject document, Provenance provenance) {
    List<StatuspageIncident> incidents = new ArrayList<>();
    Optional<PayloadObject> webhookIncident = document.object("incident", "statuspage incident");
    webhookIncident.ifPresent(incident -> incidents.add(StatuspageIncident.read(incident, false)));
    for (PayloadObject incident : document.objects("incidents", "statuspage incident")) {
      incidents.add(StatuspageIncident.read(incident, false));
    }
    for (PayloadObject maintenance :
        document.objects("scheduled_maintenances", "statuspage maintenance")) {
      incidents.add(StatuspageIncident.read(maintenance, true));
    }

    List<StatusUpdate> updates = new ArrayList<>();
    incidents.forEach(incident -> updates.addAll(incident.updates(provenance)));
    boolean recognized =
        webhookIncident.isPresent()
            || document.has("incidents")
            || document.has("scheduled_maintenances");

    if (document.has("components")) {
      Set<String> namedByOpenIncidents = new LinkedHashSet<>();
      incidents.stream()
          .filter(StatuspageIncident::isOpen)
          .forEach(incident -> namedByOpenIncidents.addAll(incident.componentIds()));
      updates.addAll(
          ComponentIncidents.fromPage(
              document.objects("components", "statuspage component"),
              namedByOpenIncidents,
              provenance));
      recognized = true;
    }
    if (document.has("component_update") || document.has("component")) {
      updates.add(ComponentIncidents.fromWebhook(document, provenance));
      recognized = true;
    }
    if (!recognized) {
      throw new MalformedPayload(
          "statuspage payload has no 'incident', 'incidents', 'scheduled_maintenances', "
              + "'components' or 'component_update' field (its fields: "
              + document.fieldNames()
              + ")");
    }
    return updates;
  }
}
