package dev.tandem.notify;

import java.net.URI;
import java.util.Objects;

/**
 * A value that must never be logged or echoed in an error: a Slack webhook URL or a webhook URL
 * with a token in it is a credential, as is a PagerDuty routing key. Its {@link #toString} hides
 * it; {@link #shownUrl} shows only where it points.
 */
public final class Secret {

  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The secret itself: only for the request that needs it. */
  public String reveal() {
    return value;
  }

  /**
   * Scheme and host, the path and query hidden ({@code https://hooks.slack.com/…}): enough to tell
   * targets apart in a log, never enough to post to one.
   */
  public String shownUrl() {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri.getScheme()
            + "://"
            + uri.getHost()
            + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
            + "/…";
      }
    } catch (IllegalArgumentException e) {
      // Not a URL: show nothing of it.
    }
    return toString();
  }

  /** Removes the secret from a message written by someone else (an exception's, say). */
  public String scrub(String message) {
    return message == null ? null : message.replace(value, toString());
  }

  @Override
  public String toString() {
    return "[hidden]";
  }
}
