package dev.tandem.notify;

import java.util.HashMap;
import java.util.Map;

/**
 * Which changes one target is sent. A target's filters (minimum confidence, providers) choose
 * outages, not single changes: once an outage was sent, every later change of it is sent too, so
 * that a pager that was triggered is also resolved even when the last change is less confident or
 * its filter no longer matches; an outage filtered out stays out, its end included. A retraction
 * carries no content to judge: it is sent unless the outage was filtered out.
 *
 * <p>The decisions are held in memory, per outage until it ends. After a restart, an end whose
 * outage this process never saw is judged on its own content (a retraction is sent): a resolve too
 * many is better than a pager left open.
 */
final class NoticeFilter {

  private final NotifyTarget target;
  private final Map<String, Boolean> sent = new HashMap<>();

  NoticeFilter(NotifyTarget target) {
    this.target = target;
  }

  /** Whether to send {@code notice}; remembers the decision for the outage's later changes. */
  boolean admit(OutageNotice notice) {
    Boolean before = sent.get(notice.id());
    if (notice.ends()) {
      sent.remove(notice.id());
      if (before != null) {
        return before;
      }
      return notice.retracted() || target.wants(notice.outage());
    }
    if (Boolean.TRUE.equals(before)) {
      return true;
    }
    // Not sent so far: a change that passes (the outage grew, say) is its first notification.
    boolean wanted = target.wants(notice.outage());
    sent.put(notice.id(), wanted);
    return wanted;
  }
}
