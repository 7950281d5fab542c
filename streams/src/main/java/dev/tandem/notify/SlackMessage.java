package dev.tandem.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.contract.CorrelatedOutage;

/**
 * A Slack incoming webhook message: {@code text} (the notification's one line, what Slack shows in
 * a push notification and where blocks cannot be drawn) and {@code blocks} (Block Kit: a section
 * with the headline, one with fields for who, since when, the suspected cause and the confidence,
 * and a context line with the dashboard link and the outage's id and version). Text in mrkdwn has
 * {@code &}, {@code <} and {@code >} escaped, as Slack asks, so a vendor's title cannot make a link
 * or a mention.
 */
final class SlackMessage {

  /** Slack's limit on the text of a section's field. */
  static final int MAX_FIELD = 2000;

  /** Slack's limit on the text of a section. */
  static final int MAX_SECTION = 3000;

  private SlackMessage() {}

  static String body(OutageNotice notice, DashboardLinks links) {
    ObjectNode message = PayloadJson.object();
    String link = links.outage(notice.id());
    message.put("text", NoticeText.summary(notice) + (link == null ? "" : " " + link));
    ArrayNode blocks = message.putArray("blocks");
    blocks.add(
        section(
            NoticeText.cap(
                mark(notice) + " *" + escape(NoticeText.headline(notice)) + "*", MAX_SECTION)));
    if (!notice.retracted()) {
      CorrelatedOutage o = notice.outage();
      ObjectNode fields = blocks.addObject();
      fields.put("type", "section");
      ArrayNode list = fields.putArray("fields");
      list.add(mrkdwn(NoticeText.cap("*Providers*\n" + escape(NoticeText.who(o)), MAX_FIELD)));
      list.add(mrkdwn("*Since*\n" + escape(NoticeText.since(o))));
      list.add(mrkdwn("*Suspected cause*\n" + escape(NoticeText.cause(o))));
      list.add(mrkdwn("*Confidence*\n" + NoticeText.confidence(o)));
    }
    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    String id =
        "outage `"
            + escape(notice.id())
            + "`"
            + (notice.retracted() ? "" : ", version " + notice.outage().getVersion());
    context
        .putArray("elements")
        .add(mrkdwn(link == null ? id : "<" + escape(link) + "|Open in the dashboard> · " + id));
    return PayloadJson.write(message);
  }

  private static String mark(OutageNotice notice) {
    return notice.ends() ? ":large_green_circle:" : ":red_circle:";
  }

  private static ObjectNode section(String text) {
    ObjectNode section = PayloadJson.object();
    section.put("type", "section");
    section.set("text", mrkdwn(text));
    return section;
  }

  private static ObjectNode mrkdwn(String text) {
    ObjectNode node = PayloadJson.object();
    node.put("type", "mrkdwn");
    node.put("text", text);
    return node;
  }

  /** Slack's three control characters in mrkdwn. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
