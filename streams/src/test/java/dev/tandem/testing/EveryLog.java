package dev.tandem.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Records everything this JVM logs until closed: Kafka's broker and clients at INFO (where they
 * print their configurations) and Tandem at DEBUG, more than the test configuration shows, so a
 * test can look for what must never be logged.
 */
public final class EveryLog implements AutoCloseable {

  private static final Map<String, Level> LEVELS =
      Map.of("dev.tandem", Level.DEBUG, "org.apache.kafka", Level.INFO, "kafka", Level.INFO);

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Map<String, Level> levelsBefore = new HashMap<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public EveryLog() {
    appender.setContext(context);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    LEVELS.forEach(
        (name, level) -> {
          Logger logger = context.getLogger(name);
          levelsBefore.put(name, logger.getLevel());
          logger.setLevel(level);
        });
  }

  /** Every event so far, formatted with its logger, level and any stack trace. */
  public List<String> lines() {
    List<ILoggingEvent> events;
    // The appender appends while holding its own lock.
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    return events.stream().map(EveryLog::format).toList();
  }

  private static String format(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder(
            event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage());
    for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return line.toString();
  }

  @Override
  public void close() {
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    levelsBefore.forEach((name, level) -> context.getLogger(name).setLevel(level));
    appender.stop();
  }
}
