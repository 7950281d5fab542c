package dev.tandem.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the warnings of {@link BrokerReachability}'s own Admin client ("Connection to node -1 …
 * could not be established", once a second) out of the log: the check ends in one line that says
 * the same, with the servers and the cause. Every other client's warnings pass.
 */
public final class ConnectCheckLogFilter extends TurboFilter {

  private static final String MARK = "clientId=" + BrokerReachability.CLIENT_ID + "]";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null && level != null && !level.isGreaterOrEqual(Level.ERROR) && logger.getName().startsWith("org.apache.kafka")
        && format.contains(MARK)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
