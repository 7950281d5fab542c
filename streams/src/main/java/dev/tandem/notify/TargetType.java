package dev.tandem.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a target is, and so the shape of what it is sent. */
public enum TargetType {
  /** The outage's JSON as on {@code tandem.outages.json} (design §7). */
  WEBHOOK,
  /** A Slack incoming webhook: a readable message. */
  SLACK,
  /** PagerDuty Events API v2: trigger, then resolve, keyed by the outage id. */
  PAGERDUTY,
  /** Alertmanager's webhook payload (version 4), for whatever receives Alertmanager's webhooks. */
  ALERTMANAGER;

  /** The body of the POST telling this type of target about {@code notice}. */
  String body(OutageNotice notice, NotifyTarget target, DashboardLinks links, Instant now) {
    return switch (this) {
      case WEBHOOK -> WebhookPayload.body(notice);
      case SLACK -> SlackMessage.body(notice, links);
      case PAGERDUTY -> PagerDutyEvent.body(notice, target.routingKey(), links);
      case ALERTMANAGER -> AlertmanagerPayload.body(notice, target.name(), links, now);
    };
  }

  /**
   * Whether people read what this type of target is sent, so that a change telling them nothing new
   * is not sent ({@link Retelling}); programs (a webhook, Alertmanager's receivers) get every
   * change.
   */
  boolean readByPeople() {
    return this == SLACK || this == PAGERDUTY;
  }

  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** From its setting's value; null when it names no type. */
  static TargetType of(String value) {
    for (TargetType type : values()) {
      if (type.setting().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    return null;
  }

  static String choices() {
    return Arrays.stream(values()).map(TargetType::setting).collect(Collectors.joining(", "));
  }
}
