package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One incident of Google Cloud's {@code incidents.json}. Every {@code updates[]} entry is one
 * StatusUpdate; an incident listed without updates yields its {@code most_recent_update}, or else
 * itself. Google's updates have no ids, so an update is named by the time Google created it.
 *
 * <ul>
 *   <li>Phase: Google publishes no investigating/identified/monitoring, only whether a product is
 *       affected. An update reporting the product {@code AVAILABLE}, or made once the incident has
 *       an {@code end}, is RESOLVED; an update reporting a disruption, outage or information while
 *       the incident is open is INVESTIGATING (open, phase not stated); anything else is UNKNOWN.
 *       The update text is not read for phases: it is prose, and a guess there would move
 *       incidents.
 *   <li>Impact: Google's own {@code severity}: low MINOR, medium MAJOR, high CRITICAL; without one,
 *       its {@code status_impact}: information MINOR, disruption MAJOR, outage CRITICAL.
 *   <li>Components: {@code affected_products} by title, with the status the update reports; the
 *       locations an update names are appended to its body, since StatusUpdate has no place for
 *       them.
 *   <li>Started: {@code begin}; updated: the update's {@code created}, else {@code modified} or
 *       {@code when}.
 * </ul>
 */
final class GcpIncident {

  private final PayloadObject incident;
  private final String id;
  private final String title;
  private final Impact impact;
  private final Instant startedAt;
  private final Optional<Instant> end;
  private final List<PayloadObject> products;

  private GcpIncident(PayloadObject incident, String id) {
    this.incident = incident;
    this.id = id;
    this.title =
        incident
            .text("external_desc")
            .map(GcpIncident::oneLine)
            .or(() -> incident.text("service_name"))
            .orElse(id);
    this.impact = impactOf(incident);
    this.startedAt = incident.firstInstant("begin", "created");
    this.end = incident.instant("end");
    this.products = incident.objects("affected_products", incident.name() + " affected product");
  }

  /**
   * @param unnamed the incident, named by its place in the document until its id is known
   */
  static GcpIncident read(PayloadObject unnamed) {
    String id =
        unnamed
            .text("id")
            .or(() -> unnamed.text("number"))
            .orElseThrow(() -> unnamed.missing("id"));
    return new GcpIncident(unnamed.named("gcp incident " + quote(id)), id);
  }

  /**
   * How many components its updates will name: each of them (one when it has none) names every
   * product.
   */
  long componentMentions() {
    return (long) Math.max(1, incident.node().path("updates").size()) * products.size();
  }

  List<StatusUpdate> updates(Provenance provenance) {
    List<PayloadObject> updates = incident.objects("updates", incident.name() + " update");
    if (updates.isEmpty()) {
      updates =
          incident
              .object("most_recent_update", incident.name() + " most_recent_update")
              .map(List::of)
              .orElse(List.of());
    }
    if (updates.isEmpty()) {
      return List.of(fromIncidentItself(provenance));
    }
    List<StatusUpdate> read = new ArrayList<>(updates.size());
    Instant latest = updates.stream().map(this::createdAt).max(Instant::compareTo).orElseThrow();
    for (PayloadObject update : updates) {
      read.add(update(provenance, update, latest));
    }
    return read;
  }

  private StatusUpdate update(Provenance provenance, PayloadObject unnamed, Instant latest) {
    Instant createdAt = createdAt(unnamed);
    String updateId = unnamed.text("id").orElse(createdAt.toString());
    PayloadObject update = unnamed.named(incident.name() + " update " + quote(updateId));
    String statusWord = update.text("status").orElse(null);
    boolean resolved =
        "AVAILABLE".equalsIgnoreCase(statusWord)
            || end.isPresent() && (!createdAt.isBefore(end.get()) || createdAt.equals(latest));
    IncidentStatus status = resolved ? IncidentStatus.RESOLVED : openPhase(statusWord);
    return provenance
        .newUpdate()
        .setIncidentId(id)
        .setUpdateId(updateId)
        .setTitle(title)
        .setStatus(status)
        .setImpact(impact)
        .setComponents(
            components(resolved ? ComponentStatus.OPERATIONAL : componentStatus(statusWord)))
        .setBody(body(update.text("text").orElse(null), locations(update, "affected_locations")))
        .setStartedAt(startedAt)
        .setUpdatedAt(createdAt)
        .build();
  }

  /** An incident listed without any update (Google's schema allows it) is its own single update. */
  private StatusUpdate fromIncidentItself(Provenance provenance) {
    Instant at = incident.firstInstant("modified", "created", "begin");
    boolean resolved = end.isPresent();
    String statusWord = incident.text("status_impact").orElse(null);
    return provenance
        .newUpdate()
        .setIncidentId(id)
        .setUpdateId(at.toString())
        .setTitle(title)
        .setStatus(resolved ? IncidentStatus.RESOLVED : openPhase(statusWord))
        .setImpact(impact)
        .setComponents(
            components(resolved ? ComponentStatus.OPERATIONAL : componentStatus(statusWord)))
        .setBody(
            body(
                incident.text("external_desc").orElse(null),
                locations(incident, "currently_affected_locations")))
        .setStartedAt(startedAt)
        .setUpdatedAt(at)
        .build();
  }

  private Instant createdAt(PayloadObject update) {
    return update.named(incident.name() + " update").firstInstant("created", "modified", "when");
  }

  private static IncidentStatus openPhase(String statusWord) {
    String word = statusWord == null ? "" : statusWord.toUpperCase(Locale.ROOT);
    return switch (word) {
      case "SERVICE_OUTAGE", "SERVICE_DISRUPTION", "SERVICE_INFORMATION" ->
          IncidentStatus.INVESTIGATING;
      default -> IncidentStatus.UNKNOWN;
    };
  }

  private static ComponentStatus componentStatus(String statusWord) {
    String word = statusWord == null ? "" : statusWord.toUpperCase(Locale.ROOT);
    return switch (word) {
      case "AVAILABLE" -> ComponentStatus.OPERATIONAL;
      case "SERVICE_INFORMATION" -> ComponentStatus.DEGRADED_PERFORMANCE;
      case "SERVICE_DISRUPTION" -> ComponentStatus.PARTIAL_OUTAGE;
      case "SERVICE_OUTAGE" -> ComponentStatus.MAJOR_OUTAGE;
      default -> ComponentStatus.UNKNOWN;
    };
  }

  private static Impact impactOf(PayloadObject incident) {
    String severity = incident.text("severity").orElse("").toLowerCase(Locale.ROOT);
    switch (severity) {
      case "low":
        return Impact.MINOR;
      case "medium":
        return Impact.MAJOR;
      case "high":
        return Impact.CRITICAL;
      default:
        break;
    }
    String statusImpact = incident.text("status_impact").orElse("").toUpperCase(Locale.ROOT);
    return switch (statusImpact) {
      case "SERVICE_INFORMATION" -> Impact.MINOR;
      case "SERVICE_DISRUPTION" -> Impact.MAJOR;
      case "SERVICE_OUTAGE" -> Impact.CRITICAL;
      default -> Impact.NONE;
    };
  }

  private List<AffectedComponent> components(ComponentStatus status) {
    List<AffectedComponent> components = new ArrayList<>(products.size());
    for (PayloadObject product : products) {
      Optional<String> productId = product.text("id");
      String name =
          product
              .text("title")
              .or(() -> productId)
              .orElseThrow(
                  () -> new MalformedPayload(product.name() + " has neither 'title' nor 'id'"));
      components.add(
          AffectedComponent.newBuilder()
              .setId(productId.orElse(null))
              .setName(name)
              .setStatus(status)
              .build());
    }
    return List.copyOf(components);
  }

  /** "London (europe-west2), Global": the titles of the locations, or their ids. */
  private static String locations(PayloadObject object, String field) {
    return object.objects(field, object.name() + " location").stream()
        .map(location -> location.text("title").or(() -> location.text("id")).orElse(null))
        .filter(name -> name != null)
        .collect(Collectors.joining(", "));
  }

  private static String body(String text, String locations) {
    if (locations.isEmpty()) {
      return text;
    }
    String where = "Affected locations: " + locations;
    return text == null ? where : text.strip() + "\n\n" + where;
  }

  /** Google's descriptions sometimes break lines mid-sentence; a title is one line. */
  private static String oneLine(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining(" "));
  }
}
