package dev.tandem.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the warnings of {@link BrokerReachability}'s own Admin client ("Connection to node -1 …
 * could not be established", once a second) out of the log, and its error when the brokers refuse
 * the credentials or the TLS handshake fails: the check ends in one line that says the same, with
 * the servers and the cause. Its other errors, and every other client's warnings, pass.
 */
public final class ConnectCheckLogFilter extends TurboFilter {

  private static final String MARK = "clientId=" + BrokerReachability.CLIENT_ID + "]";

  /**
   * The client's error on wrong credentials or a failed TLS handshake, which the check's one line
   * names too.
   */
  private static final String REFUSED = "failed authentication";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null
        && level != null
        && logger.getName().startsWith("org.apache.kafka")
        && format.contains(MARK)
        && (!level.isGreaterOrEqual(Level.ERROR) || format.contains(REFUSED))) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
