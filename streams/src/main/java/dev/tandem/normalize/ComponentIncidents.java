package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Statuspage component statuses read as incidents, so that a provider that only turns components
 * amber or red, without opening an incident, still takes part in correlation.
 *
 * <ul>
 *   <li>A component that is not operational and that no open incident of the same document names
 *       becomes an update of the synthetic incident {@code component:<id>}: phase INVESTIGATING and
 *       impact by the component's status (degraded performance MINOR, partial outage MAJOR, major
 *       outage CRITICAL), or IN_PROGRESS and MAINTENANCE while it is under maintenance.
 *   <li>An operational component yields a RESOLVED update of that same synthetic incident. One
 *       document cannot tell whether the incident was ever open, so every poll closes it;
 *       downstream drops resolutions of synthetic incidents it never saw open.
 *   <li>The update id is {@code <component id>@<updated_at>}: polling an unchanged page repeats the
 *       id and the dedupe store drops the repeat, while a webhook and a poll of the same change
 *       agree.
 *   <li>Group containers ({@code "group": true}) only summarize their children, whose worst status
 *       they show. When any of a group's children is in the document, the group yields nothing and
 *       the more precise children speak for it; a group listed without its children stands in for
 *       them as if it were a component.
 * </ul>
 */
public final class ComponentIncidents {

  public static final String INCIDENT_ID_PREFIX = "component:";

  /** A component as summary.json and components.json list it. */
  private record PageComponent(
      String id,
      String name,
      String statusWord,
      Instant updatedAt,
      boolean group,
      String groupId,
      List<String> childIds) {

    static PageComponent read(PayloadObject unnamed) {
      String id = unnamed.requiredText("id");
      PayloadObject component = unnamed.named("statuspage component " + quote(id));
      return new PageComponent(
          id,
          component.text("name").orElse(id),
          component.requiredText("status"),
          component.firstInstant("updated_at"),
          component.flag("group"),
          component.text("group_id").orElse(null),
          component.texts("components"));
    }

    boolean isOperational() {
      return StatuspageVocabulary.componentStatus(statusWord) == ComponentStatus.OPERATIONAL;
    }
  }

  private ComponentIncidents() {}

  /**
   * Updates for the components of a summary.json or components.json document.
   *
   * @param components the document's {@code components}
   * @param namedByOpenIncidents ids of components that open incidents of the same document name:
   *     those incidents already tell their story
   */
  static List<StatusUpdate> fromPage(
      List<PayloadObject> components, Set<String> namedByOpenIncidents, Provenance provenance) {
    List<PageComponent> page = components.stream().map(PageComponent::read).toList();
    Set<String> groupsSpokenForByChildren = groupsWithChildrenPresent(page);
    Set<String> covered = withChildrenOfNamedGroups(namedByOpenIncidents, page);
    List<StatusUpdate> updates = new ArrayList<>();
    for (PageComponent component : page) {
      if (component.group() && groupsSpokenForByChildren.contains(component.id())) {
        continue;
      }
      if (!component.isOperational() && covered.contains(component.id())) {
        continue;
      }
      updates.add(
          update(
              provenance,
              component.id(),
              component.name(),
              component.statusWord(),
              component.updatedAt()));
    }
    return updates;
  }

  /**
   * The update for a component-status webhook ({@code {"component_update": …, "component": …}}).
   * The component's own {@code updated_at} is preferred as the time: it is what summary.json shows
   * for the same change, so webhook and poll produce the same update id.
   */
  static StatusUpdate fromWebhook(PayloadObject document, Provenance provenance) {
    Optional<PayloadObject> component =
        document.object("component", "statuspage webhook 'component'");
    Optional<PayloadObject> change =
        document.object("component_update", "statuspage webhook 'component_update'");
    String id =
        component
            .flatMap(c -> c.text("id"))
            .or(() -> change.flatMap(c -> c.text("component_id")))
            .orElseThrow(
                () ->
                    new MalformedPayload(
                        "statuspage component webhook has neither 'component.id' nor 'component_update.component_id'"));
    String name = component.flatMap(c -> c.text("name")).orElse(id);
    String statusWord =
        change
            .flatMap(c -> c.text("new_status"))
            .or(() -> component.flatMap(c -> c.text("status")))
            .orElseThrow(
                () ->
                    new MalformedPayload(
                        "statuspage component webhook for "
                            + quote(id)
                            + " has neither 'component_update.new_status' nor 'component.status'"));
    Optional<Instant> at =
        component.isPresent() ? component.get().instant("updated_at") : Optional.empty();
    if (at.isEmpty() && change.isPresent()) {
      at = change.get().instant("created_at");
    }
    Instant changedAt =
        at.orElseThrow(
            () ->
                new MalformedPayload(
                    "statuspage component webhook for "
                        + quote(id)
                        + " has neither 'component.updated_at' nor 'component_update.created_at' timestamp"));
    return update(provenance, id, name, statusWord, changedAt);
  }

  private static StatusUpdate update(
      Provenance provenance, String componentId, String name, String statusWord, Instant at) {
    ComponentStatus status = StatuspageVocabulary.componentStatus(statusWord);
    return provenance
        .newUpdate()
        .setIncidentId(INCIDENT_ID_PREFIX + componentId)
        .setUpdateId(componentId + "@" + at)
        .setTitle(name + ": " + StatuspageVocabulary.words(statusWord))
        .setStatus(StatuspageVocabulary.phaseOf(status))
        .setImpact(StatuspageVocabulary.impactOf(status))
        .setComponents(
            List.of(
                AffectedComponent.newBuilder()
                    .setId(componentId)
                    .setName(name)
                    .setStatus(status)
                    .build()))
        .setBody(null)
        .setStartedAt(at)
        .setUpdatedAt(at)
        .build();
  }

  /** An incident that names a group speaks for everything in it. */
  private static Set<String> withChildrenOfNamedGroups(
      Set<String> named, List<PageComponent> page) {
    Set<String> covered = new HashSet<>(named);
    for (PageComponent component : page) {
      if (component.groupId() != null && named.contains(component.groupId())) {
        covered.add(component.id());
      }
      if (component.group() && named.contains(component.id())) {
        covered.addAll(component.childIds());
      }
    }
    return covered;
  }

  private static Set<String> groupsWithChildrenPresent(List<PageComponent> page) {
    Set<String> present = new HashSet<>();
    page.forEach(component -> present.add(component.id()));
    Set<String> groups = new HashSet<>();
    for (PageComponent component : page) {
      if (component.groupId() != null && present.contains(component.groupId())) {
        groups.add(component.groupId());
      }
      if (component.group() && component.childIds().stream().anyMatch(present::contains)) {
        groups.add(component.id());
      }
    }
    return groups;
  }
}
