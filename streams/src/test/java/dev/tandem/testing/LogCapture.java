package dev.tandem.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger logs, at DEBUG and above, until closed: {@code try (LogCapture log =
 * LogCapture.of(CollectorHealth.class)) {…}}.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level levelBefore;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    this.levelBefore = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
  }

  /** Every event so far, in order. */
  public List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** The formatted messages logged at exactly {@code level}. */
  public List<String> messages(Level level) {
    return events().stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
    appender.stop();
  }
}
