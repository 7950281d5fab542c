package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What an adapter made of one raw payload: the updates it holds, or why it holds none we can trust.
 */
public sealed interface ParseResult permits ParseResult.Parsed, ParseResult.Failed {

  /**
   * The updates a payload holds, oldest first (by the vendor's update time), so that the records
   * produced from one payload move stream time forward. Empty is a valid answer: a poll of {@code
   * incidents/unresolved.json} on a quiet day.
   */
  record Parsed(List<StatusUpdate> updates) implements ParseResult {
    private static final Comparator<StatusUpdate> OLDEST_FIRST =
        Comparator.comparing(
            StatusUpdate::getUpdatedAt, Comparator.nullsLast(Comparator.naturalOrder()));

    public Parsed {
      // Vendors list newest first; a stable sort keeps the document order of updates published
      // together.
      List<StatusUpdate> sorted = new ArrayList<>(updates);
      sorted.sort(OLDEST_FIRST);
      updates = List.copyOf(sorted);
    }
  }

  /**
   * The payload cannot be trusted as a whole; {@code reason} is a sentence a person can act on. It
   * becomes the {@code tandem.error.reason} header of the record on {@code tandem.dlq}.
   */
  record Failed(String reason) implements ParseResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      if (reason.isBlank()) {
        throw new IllegalArgumentException("a failure needs a reason a person can act on");
      }
    }
  }

  static ParseResult parsed(List<StatusUpdate> updates) {
    return new Parsed(updates);
  }

  static ParseResult failed(String reason) {
    return new Failed(reason);
  }
}
