package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Statuspage incident or scheduled maintenance (the two share a shape). Every {@code
 * incident_updates[]} entry becomes one StatusUpdate carrying the incident's title, impact and
 * start; an incident without updates becomes one update made from the incident itself.
 *
 * <p>Everything is read when the incident is, so one bad update fails the whole payload rather than
 * silently dropping part of an incident's history.
 */
final class StatuspageIncident {

  private final String id;
  private final String title;
  private final IncidentStatus status;
  private final Impact impact;
  private final Instant startedAt;
  private final List<AffectedComponent> components;
  private final List<VendorUpdate> entries;

  private StatuspageIncident(PayloadObject incident, String id, boolean listedAsMaintenance) {
    this.id = id;
    this.title = incident.text("name").orElse(id);
    this.status = StatuspageVocabulary.incidentStatus(incident.text("status").orElse(null));
    this.impact = impactOf(incident, listedAsMaintenance, status);
    this.startedAt = incident.firstInstant("started_at", "created_at");
    this.components = listedComponents(incident);
    this.entries = entries(incident);
  }

  /**
   * Reads one incident object.
   *
   * @param unnamed the object, named by its place in the payload until its id is known
   * @param listedAsMaintenance whether it came from {@code scheduled_maintenances}
   */
  static StatuspageIncident read(PayloadObject unnamed, boolean listedAsMaintenance) {
    String id = unnamed.requiredText("id");
    String kind = listedAsMaintenance ? "maintenance" : "incident";
    return new StatuspageIncident(
        unnamed.named("statuspage " + kind + " " + quote(id)), id, listedAsMaintenance);
  }

  /** Whether the incident still affects something: not resolved, postmortem or completed. */
  boolean isOpen() {
    return !StatuspageVocabulary.isClosed(status);
  }

  /** Ids of the components the incident names, in its own list or in any of its updates. */
  Set<String> componentIds() {
    Set<String> ids = new LinkedHashSet<>();
    components.forEach(component -> addId(ids, component));
    entries.forEach(entry -> entry.components().forEach(component -> addId(ids, component)));
    return ids;
  }

  List<StatusUpdate> updates(Provenance provenance) {
    return VendorUpdate.of(provenance, id, title, impact, startedAt, entries);
  }

  private static Impact impactOf(
      PayloadObject incident, boolean listedAsMaintenance, IncidentStatus status) {
    // A maintenance is planned work whatever impact its author picked (Discord files some as
    // "major").
    // incidents.json lists maintenances too, marked by scheduled_for: they must read the same
    // there.
    if (listedAsMaintenance || incident.has("scheduled_for")) {
      return Impact.MAINTENANCE;
    }
    Impact impact = StatuspageVocabulary.impact(incident.text("impact").orElse(null));
    if (impact == Impact.NONE && StatuspageVocabulary.isMaintenancePhase(status)) {
      return Impact.MAINTENANCE;
    }
    return impact;
  }

  private List<VendorUpdate> entries(PayloadObject incident) {
    List<PayloadObject> updates = incident.objects("incident_updates", incident.name() + " update");
    if (updates.isEmpty()) {
      return List.of(entryFromIncidentItself(incident));
    }
    List<VendorUpdate> entries = new ArrayList<>(updates.size());
    for (PayloadObject unnamed : updates) {
      String updateId = unnamed.requiredText("id");
      PayloadObject update = unnamed.named(incident.name() + " update " + quote(updateId));
      IncidentStatus status = StatuspageVocabulary.incidentStatus(update.requiredText("status"));
      // created_at is when the vendor said it; display_at may be backdated by hand, updated_at
      // moves on edits.
      Instant updatedAt = update.firstInstant("created_at", "display_at", "updated_at");
      List<AffectedComponent> affected = affectedComponents(update);
      entries.add(
          new VendorUpdate(
              updateId,
              status,
              updatedAt,
              update.text("body").orElse(null),
              affected.isEmpty() ? components : affected));
    }
    return entries;
  }

  /**
   * Statuspage sends incidents without updates (backfilled ones, some webhooks); the incident is
   * then its own update.
   */
  private VendorUpdate entryFromIncidentItself(PayloadObject incident) {
    String statusWord =
        incident
            .text("status")
            .orElseThrow(
                () ->
                    new MalformedPayload(
                        incident.name()
                            + " has no 'status' and no 'incident_updates' to take one from"));
    Instant updatedAt = incident.firstInstant("updated_at", "created_at");
    return new VendorUpdate(
        id + "@" + updatedAt,
        StatuspageVocabulary.incidentStatus(statusWord),
        updatedAt,
        null,
        components);
  }

  private static List<AffectedComponent> listedComponents(PayloadObject incident) {
    List<AffectedComponent> components = new ArrayList<>();
    for (PayloadObject component : incident.objects("components", incident.name() + " component")) {
      Optional<String> id = component.text("id");
      String name =
          component
              .text("name")
              .or(() -> id)
              .orElseThrow(
                  () -> new MalformedPayload(component.name() + " has neither 'id' nor 'name'"));
      components.add(
          AffectedComponent.newBuilder()
              .setId(id.orElse(null))
              .setName(name)
              .setStatus(
                  StatuspageVocabulary.componentStatus(component.text("status").orElse(null)))
              .build());
    }
    return List.copyOf(components);
  }

  private static List<AffectedComponent> affectedComponents(PayloadObject update) {
    List<AffectedComponent> components = new ArrayList<>();
    for (PayloadObject affected :
        update.objects("affected_components", update.name() + " affected component")) {
      Optional<String> code = affected.text("code");
      Optional<String> newStatus = affected.text("new_status");
      if (code.isEmpty() && newStatus.isEmpty()) {
        // Statuspage's placeholder {"name": "No components were affected by this update."}: not a
        // component.
        continue;
      }
      String name =
          affected
              .text("name")
              .or(() -> code)
              .orElseThrow(
                  () -> new MalformedPayload(affected.name() + " has neither 'code' nor 'name'"));
      components.add(
          AffectedComponent.newBuilder()
              .setId(code.orElse(null))
              .setName(name)
              .setStatus(StatuspageVocabulary.componentStatus(newStatus.orElse(null)))
              .build());
    }
    return List.copyOf(components);
  }

  private static void addId(Set<String> ids, AffectedComponent component) {
    if (component.getId() != null) {
      ids.add(component.getId());
    }
  }
}
