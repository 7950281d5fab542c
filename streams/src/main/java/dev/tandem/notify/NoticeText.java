package dev.tandem.notify;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.contract.SuspectedCause;
import java.util.Locale;

/**
 * The words every human-readable notification uses, so that Slack, PagerDuty and Alertmanager tell
 * an outage alike: who is failing, since when, the suspected cause and the confidence.
 */
final class NoticeText {

  private NoticeText() {}

  /** One line: what happened to the outage. */
  static String headline(OutageNotice notice) {
    if (notice.retracted()) {
      return "Outage " + notice.id() + " retracted: its providers no longer make an outage";
    }
    CorrelatedOutage o = notice.outage();
    String who = who(o);
    return switch (o.getState()) {
      case OPEN -> "Correlated outage: " + who + " failing together since " + since(o);
      case UPDATED -> "Correlated outage updated: " + who + " failing together since " + since(o);
      case RESOLVED ->
          "Correlated outage resolved: " + who + " (" + since(o) + " to " + o.getResolvedAt() + ")";
      case EXPIRED -> "Correlated outage expired unresolved: " + who + " (since " + since(o) + ")";
      case MERGED ->
          "Correlated outage " + o.getId() + " merged into " + o.getMergedInto() + ": " + who;
    };
  }

  /** The member providers, comma-separated. */
  static String who(CorrelatedOutage o) {
    return String.join(", ", o.getProviders());
  }

  static String since(CorrelatedOutage o) {
    return o.getFirstOnset().toString();
  }

  /** The suspected cause, {@code unknown} when there is none. */
  static String cause(CorrelatedOutage o) {
    SuspectedCause cause = o.getSuspectedCause();
    if (cause == null || cause.getProvider() == null || cause.getProvider().isEmpty()) {
      return "unknown";
    }
    return cause.getProvider() + (cause.getReporting() ? "" : " (not reporting yet)");
  }

  static String confidence(CorrelatedOutage o) {
    return String.format(Locale.ROOT, "%.2f", o.getConfidence());
  }

  /** Headline, cause and confidence in one line, for a summary field. */
  static String summary(OutageNotice notice) {
    if (notice.retracted()) {
      return headline(notice);
    }
    return headline(notice) + causeAndConfidence(notice.outage());
  }

  /**
   * What a person reads in a notification of {@code notice}, without what only tells versions
   * apart: an open outage's OPEN and UPDATED read alike when nothing else changed, an ended one
   * says how it ended.
   */
  static String told(OutageNotice notice) {
    if (notice.retracted()) {
      return headline(notice);
    }
    CorrelatedOutage o = notice.outage();
    String what =
        notice.ends()
            ? headline(notice)
            : "open: " + who(o) + " failing together since " + since(o);
    return what + causeAndConfidence(o);
  }

  private static String causeAndConfidence(CorrelatedOutage o) {
    return "; suspected cause " + cause(o) + ", confidence " + confidence(o);
  }

  /**
   * At most {@code max} characters, an ellipsis where it was cut: the targets limit their fields.
   */
  static String cap(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
