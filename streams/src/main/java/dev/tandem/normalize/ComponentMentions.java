package dev.tandem.normalize;

import dev.tandem.contract.StatusUpdate;
import java.util.List;

/**
 * A cap on how many components the updates of one payload name in all. Every update of an incident
 * carries the incident's components, so an incident of U updates and P components makes U × P: a
 * thousand of each in 700 KB of Statuspage JSON made a million, which the normalize stage then
 * fingerprints and writes one by one (hundreds of megabytes from one record), and Google Cloud's
 * reader built every one of them first. Real documents name a few thousand.
 */
final class ComponentMentions {

  static final long MAX = 100_000;

  private ComponentMentions() {}

  /**
   * Fails the payload when its updates would name {@code mentions} components, more than {@link
   * #MAX}.
   */
  static void check(long mentions) {
    if (mentions > MAX) {
      throw new MalformedPayload(
          "payload's updates would name "
              + mentions
              + " components in all (each update "
              + "repeats its incident's components), more than the "
              + MAX
              + " Tandem makes from one payload; no status "
              + "document does that, so it is refused as hostile input");
    }
  }

  /** The updates, once {@link #check checked}. */
  static List<StatusUpdate> checked(List<StatusUpdate> updates) {
    check(updates.stream().mapToLong(update -> update.getComponents().size()).sum());
    return updates;
  }
}
