package dev.tandem.notify;

import dev.tandem.alert.OutageJson;

/**
 * What a generic webhook receives: the outage as {@code tandem.outages.json} carries it (design
 * §7), a retraction as {@code {"type":"outage","id","state":"RETRACTED","reason"}}, as the API and
 * the event stream show it.
 */
final class WebhookPayload {

  static final String RETRACTED_REASON = "its members no longer make an outage";

  private WebhookPayload() {}

  static String body(OutageNotice notice) {
    return notice.retracted()
        ? OutageJson.retraction(notice.id(), null, RETRACTED_REASON)
        : OutageJson.toJson(notice.outage());
  }
}
