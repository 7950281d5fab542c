package dev.tandem.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.io.Sha256;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The payload Prometheus Alertmanager POSTs to its webhook receivers ({@code webhook_config},
 * {@code "version": "4"}), one alert per outage change, so anything built to receive Alertmanager's
 * webhooks (a chat bridge, an on-call tool's Alertmanager integration) takes Tandem's outages like
 * any alert: {@code receiver} (the target's name), {@code status} and the alert's {@code status}
 * ({@code firing} while open, {@code resolved} when it ends), {@code labels} ({@code alertname},
 * {@code outage_id}, {@code severity}, {@code suspected_cause}), {@code annotations} ({@code
 * summary}, {@code description}, {@code providers}, {@code confidence}), {@code startsAt}, {@code
 * endsAt} (Alertmanager's zero time {@code 0001-01-01T00:00:00Z} while firing), {@code
 * generatorURL} (the dashboard's page of the outage), {@code fingerprint}, and the group's {@code
 * groupLabels}, {@code commonLabels}, {@code commonAnnotations}, {@code externalURL}, {@code
 * groupKey} and {@code truncatedAlerts}. It is not Alertmanager's own API ({@code /api/v2/alerts}),
 * which takes another shape.
 */
final class AlertmanagerPayload {

  static final String ALERT_NAME = "TandemCorrelatedOutage";
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private AlertmanagerPayload() {}

  /**
   * @param receiver the target's name, as Alertmanager names the receiver
   * @param now when the outage ended, for an end that carries no resolution time
   */
  static String body(OutageNotice notice, String receiver, DashboardLinks links, Instant now) {
    String status = notice.ends() ? "resolved" : "firing";
    ObjectNode labels = PayloadJson.object();
    labels.put("alertname", ALERT_NAME);
    labels.put("outage_id", notice.id());
    ObjectNode annotations = PayloadJson.object();
    annotations.put("summary", NoticeText.headline(notice));
    String startsAt = now.toString();
    String endsAt = notice.ends() ? now.toString() : ZERO_TIME;
    if (!notice.retracted()) {
      CorrelatedOutage o = notice.outage();
      labels.put("severity", PagerDutyEvent.severity(o));
      labels.put("suspected_cause", NoticeText.cause(o));
      annotations.put("description", String.join("\n", o.getExplanation()));
      annotations.put("providers", NoticeText.who(o));
      annotations.put("confidence", NoticeText.confidence(o));
      startsAt = o.getFirstOnset().toString();
      if (notice.ends() && o.getResolvedAt() != null) {
        endsAt = o.getResolvedAt().toString();
      }
    }
    String link = links.outage(notice.id());

    ObjectNode message = PayloadJson.object();
    message.put("receiver", receiver);
    message.put("status", status);
    ObjectNode alert = message.putArray("alerts").addObject();
    alert.put("status", status);
    alert.set("labels", labels);
    alert.set("annotations", annotations);
    alert.put("startsAt", startsAt);
    alert.put("endsAt", endsAt);
    alert.put("generatorURL", link == null ? "" : link);
    alert.put("fingerprint", fingerprint(notice.id()));
    message.putObject("groupLabels").put("alertname", ALERT_NAME);
    message.set("commonLabels", labels.deepCopy());
    message.set("commonAnnotations", annotations.deepCopy());
    message.put("externalURL", links.base() == null ? "" : links.base());
    message.put("version", "4");
    message.put("groupKey", "{}:{alertname=\"" + ALERT_NAME + "\"}");
    message.put("truncatedAlerts", 0);
    return PayloadJson.write(message);
  }

  /** 16 hex digits, as Alertmanager's fingerprints are, the same for every change of an outage. */
  static String fingerprint(String id) {
    return HexFormat.of().formatHex(Sha256.of(id), 0, 8);
  }
}
