package dev.tandem.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Incident;
import dev.tandem.contract.OutageMember;
import dev.tandem.contract.SuspectedCause;
import java.time.Instant;

/**
 * The JSON shapes of design §7 (docs/design.md), for {@code tandem.outages.json}, {@code demo
 * --json} and the dead-letter copy of a too-late incident: one object per outage change ({@code
 * "type":"outage"}) or incident ({@code "type":"incident"}).
 */
public final class OutageJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OutageJson() {}

  public static String toJson(CorrelatedOutage o) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "outage");
    node.put("id", o.getId());
    node.put("state", o.getState().name());
    node.put("version", o.getVersion());
    node.put("mergedInto", o.getMergedInto());
    ArrayNode providers = node.putArray("providers");
    o.getProviders().forEach(providers::add);
    node.put("firstOnset", time(o.getFirstOnset()));
    node.put("lastOnset", time(o.getLastOnset()));
    node.put("resolvedAt", time(o.getResolvedAt()));
    node.put("confidence", o.getConfidence());
    node.put("coincidenceProbability", o.getCoincidenceProbability());
    SuspectedCause cause = o.getSuspectedCause();
    if (cause == null) {
      node.putNull("suspectedCause");
    } else {
      ObjectNode c = node.putObject("suspectedCause");
      c.put("provider", cause.getProvider());
      c.put("reporting", cause.getReporting());
      c.put("reason", cause.getReason());
    }
    ArrayNode members = node.putArray("members");
    for (OutageMember m : o.getMembers()) {
      ObjectNode member = members.addObject();
      member.put("provider", m.getProvider());
      member.put("incidentId", m.getIncidentId());
      member.put("title", m.getTitle());
      member.put("impact", m.getImpact().name());
      member.put("startedAt", time(m.getStartedAt()));
      member.put("resolvedAt", time(m.getResolvedAt()));
    }
    ArrayNode explanation = node.putArray("explanation");
    o.getExplanation().forEach(explanation::add);
    return write(node);
  }

  /**
   * A retraction, where JSON stands for the topics' tombstone (the API's history of an outage, its
   * event stream): {@code {"type":"outage","id","state":"RETRACTED"}}, with {@code "version"} and
   * {@code "reason"} when known.
   */
  public static String retraction(String id, Integer version, String reason) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "outage");
    node.put("id", id);
    node.put("state", "RETRACTED");
    if (version != null) {
      node.put("version", version);
    }
    if (reason != null) {
      node.put("reason", reason);
    }
    return write(node);
  }

  public static String toJson(Incident i) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "incident");
    node.put("provider", i.getProvider());
    node.put("incidentId", i.getIncidentId());
    node.put("title", i.getTitle());
    node.put("status", i.getStatus().name());
    node.put("impact", i.getImpact().name());
    ArrayNode components = node.putArray("components");
    for (AffectedComponent c : i.getComponents()) {
      ObjectNode component = components.addObject();
      component.put("id", c.getId());
      component.put("name", c.getName());
      component.put("status", c.getStatus().name());
    }
    node.put("startedAt", time(i.getStartedAt()));
    node.put("identifiedAt", time(i.getIdentifiedAt()));
    node.put("monitoringAt", time(i.getMonitoringAt()));
    node.put("resolvedAt", time(i.getResolvedAt()));
    node.put("updateCount", i.getUpdateCount());
    return write(node);
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
