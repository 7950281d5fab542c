package dev.tandem.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a target that people read (chat, a pager) from telling them what they were just told. The
 * pipeline republishes an outage whenever anything in it changes, its explanation or unrounded
 * confidence included, and a resolved outage is revised while later traffic moves the background
 * rates its confidence is judged against: each such version is news to a program, not to a person.
 * So a change is sent to such a target only when what a person reads differs from the last change
 * sent for that outage: whether it is over (and how it ended), the providers, since when, the
 * suspected cause and the confidence to two places ({@link NoticeText#told}).
 *
 * <p>Held in memory for the most recent outages only (bounded: outages resolved long ago keep being
 * revised, and the map must not grow with them). After a restart or once an outage was forgotten,
 * its next change is told again: one message too many, never one too few.
 */
final class Retelling {

  /** Outages remembered; far more than are ever open or being revised at once. */
  static final int REMEMBERED = 10_000;

  private final Map<String, String> lastTold =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > REMEMBERED;
        }
      };

  /** Whether sending {@code notice} would tell people only what its last sent change told them. */
  boolean wouldRepeat(OutageNotice notice) {
    return NoticeText.told(notice).equals(lastTold.get(notice.id()));
  }

  /** Remembers what {@code notice} told, once its target took it. */
  void told(OutageNotice notice) {
    lastTold.put(notice.id(), NoticeText.told(notice));
  }
}
