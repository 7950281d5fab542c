package dev.tandem.correlate;

/**
 * The suspected common cause of an outage.
 *
 * @param provider the suspected upstream, or null when none explains the others
 * @param reporting whether that provider has itself reported an incident in this outage
 * @param reason why, in words
 */
public record Cause(String provider, boolean reporting, String reason) {

  public static Cause none(String reason) {
    return new Cause(null, false, reason);
  }
}
