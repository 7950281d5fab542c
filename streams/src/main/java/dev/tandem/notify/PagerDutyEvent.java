package dev.tandem.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.Impact;
import dev.tandem.contract.OutageMember;

/**
 * A PagerDuty Events API v2 alert event ({@code POST https://events.pagerduty.com/v2/enqueue}):
 * {@code trigger} while the outage is open, every change of it a trigger with the same {@code
 * dedup_key} (the outage id), which PagerDuty applies to the open alert; {@code resolve} when it
 * ends (resolved, expired, merged into another id, retracted). A resolve carries only {@code
 * routing_key}, {@code dedup_key} and {@code event_action}, as documented.
 */
final class PagerDutyEvent {

  /** PagerDuty's limit on {@code payload.summary}. */
  static final int MAX_SUMMARY = 1024;

  private PagerDutyEvent() {}

  static String body(OutageNotice notice, Secret routingKey, DashboardLinks links) {
    ObjectNode event = PayloadJson.object();
    event.put("routing_key", routingKey.reveal());
    event.put("dedup_key", notice.id());
    if (notice.ends()) {
      event.put("event_action", "resolve");
      return PayloadJson.write(event);
    }
    CorrelatedOutage o = notice.outage();
    event.put("event_action", "trigger");
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", NoticeText.cap(NoticeText.summary(notice), MAX_SUMMARY));
    payload.put("source", "tandem");
    payload.put("severity", severity(o));
    payload.put("timestamp", o.getFirstOnset().toString());
    String cause = o.getSuspectedCause() == null ? null : o.getSuspectedCause().getProvider();
    if (cause != null && !cause.isEmpty()) {
      payload.put("component", cause);
    }
    payload.put("group", "correlated-outages");
    payload.put("class", "correlated outage");
    ObjectNode details = payload.putObject("custom_details");
    details.put("outage_id", o.getId());
    details.put("state", o.getState().name());
    details.put("version", o.getVersion());
    ArrayNode providers = details.putArray("providers");
    o.getProviders().forEach(providers::add);
    details.put("suspected_cause", NoticeText.cause(o));
    details.put("confidence", o.getConfidence());
    ArrayNode explanation = details.putArray("explanation");
    o.getExplanation().forEach(explanation::add);
    event.put("client", "Tandem");
    String link = links.outage(notice.id());
    if (link != null) {
      event.put("client_url", link);
      ObjectNode dashboard = event.putArray("links").addObject();
      dashboard.put("href", link);
      dashboard.put("text", "Outage " + o.getId() + " in Tandem's dashboard");
    }
    return PayloadJson.write(event);
  }

  /** critical when a member's incident is critical, error for major, else warning. */
  static String severity(CorrelatedOutage o) {
    Impact worst = Impact.NONE;
    for (OutageMember m : o.getMembers()) {
      if (rank(m.getImpact()) > rank(worst)) {
        worst = m.getImpact();
      }
    }
    return switch (worst) {
      case CRITICAL -> "critical";
      case MAJOR -> "error";
      default -> "warning";
    };
  }

  private static int rank(Impact impact) {
    return switch (impact) {
      case CRITICAL -> 3;
      case MAJOR -> 2;
      case MINOR -> 1;
      default -> 0;
    };
  }
}
