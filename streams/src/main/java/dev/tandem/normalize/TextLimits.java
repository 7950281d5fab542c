package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Bounds on what one update may carry, so that no vendor document can make a record the broker
 * refuses (1 MiB by default) downstream: an update, and an incident's history of updates, stay far
 * below it. Under exactly-once a refused write aborts the transaction, and with it every record of
 * the batch; preventing it is the only way to keep going. Text past a bound is cut, says so where
 * it was cut, and the update carries a {@link #TRUNCATED_HEADER} header naming what was cut.
 */
public final class TextLimits {

  public static final int MAX_TITLE = 1_000;
  public static final int MAX_BODY = 16_000;
  public static final int MAX_COMPONENTS = 500;
  static final String TRUNCATED_HEADER = "tandem.truncated";

  private TextLimits() {}

  /** The update within the bounds; what was cut is named in {@code headers}. */
  static StatusUpdate bound(StatusUpdate update, Headers headers) {
    boolean title = update.getTitle().length() > MAX_TITLE;
    boolean body = update.getBody() != null && update.getBody().length() > MAX_BODY;
    boolean components = update.getComponents().size() > MAX_COMPONENTS;
    if (!title && !body && !components) {
      return update;
    }
    StatusUpdate.Builder bounded = StatusUpdate.newBuilder(update);
    if (title) {
      bounded.setTitle(cut(update.getTitle(), MAX_TITLE));
      headers.add(TRUNCATED_HEADER, "title".getBytes(StandardCharsets.UTF_8));
    }
    if (body) {
      bounded.setBody(cut(update.getBody(), MAX_BODY));
      headers.add(TRUNCATED_HEADER, "body".getBytes(StandardCharsets.UTF_8));
    }
    if (components) {
      bounded.setComponents(update.getComponents().subList(0, MAX_COMPONENTS));
      headers.add(TRUNCATED_HEADER, "components".getBytes(StandardCharsets.UTF_8));
    }
    return bounded.build();
  }

  /** How much of an update's body an incident's history keeps: enough to tell edits apart. */
  public static final int MAX_BODY_IN_HISTORY = 2_000;

  /**
   * The update as an incident's history keeps it: the bounds above, and a shorter body, so that an
   * incident with hundreds of updates still fits one record of its changelog.
   */
  public static StatusUpdate forHistory(StatusUpdate update) {
    boolean fits =
        update.getTitle().length() <= MAX_TITLE
            && (update.getBody() == null || update.getBody().length() <= MAX_BODY_IN_HISTORY)
            && update.getComponents().size() <= MAX_COMPONENTS;
    if (fits) {
      return update;
    }
    return StatusUpdate.newBuilder(update)
        .setTitle(cut(update.getTitle(), MAX_TITLE))
        .setBody(cut(update.getBody(), MAX_BODY_IN_HISTORY))
        .setComponents(
            update.getComponents().size() > MAX_COMPONENTS
                ? update.getComponents().subList(0, MAX_COMPONENTS)
                : update.getComponents())
        .build();
  }

  /** At most {@code max} characters, the last of them saying how much was cut. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    String marker = " … [" + (text.length() - max) + " more characters cut by Tandem]";
    return text.substring(0, Math.max(0, max - marker.length())) + marker;
  }
}
