package dev.tandem.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command wait for Ctrl-C or SIGTERM and then close its resources in order: the
 * JVM's shutdown hook is held until this signal is closed, so nothing is cut off mid-close. Open it
 * before the resources it guards, so that try-with-resources closes it last.
 */
final class ShutdownSignal implements AutoCloseable {

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  ShutdownSignal(String name) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  requested.countDown();
                  try {
                    released.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                name));
  }

  void await() throws InterruptedException {
    requested.await();
  }

  /** Whether Ctrl-C or SIGTERM has come. */
  boolean requested() {
    return requested.getCount() == 0;
  }

  /**
   * @return whether a stop was requested within {@code timeout}
   */
  boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    released.countDown();
  }
}
