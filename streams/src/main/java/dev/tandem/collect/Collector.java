package dev.tandem.collect;

import dev.tandem.raw.RawStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every provider of a providers file on a small thread pool, each on its own schedule, and
 * publishes what changed. Each provider's next fetch is scheduled when its previous one ends, so a
 * slow page delays only itself.
 */
public final class Collector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  /** Tells status page operators who is polling and where to complain. */
  /** Names the software and what it does, so a status page operator can tell who polls them. */
  public static final String USER_AGENT = "Tandem/" + version() + " (status page collector)";

  private final List<StatusPoller> pollers;
  private final CollectorHealth health;
  private final ScheduledExecutorService scheduler;
  private final RandomGenerator random;
  private final HttpClient http;

  public Collector(
      List<StatusPageSource> sources,
      Consumer<RawStatus> publisher,
      PollPolicy policy,
      Clock clock) {
    this(
        sources,
        publisher,
        policy,
        clock,
        RandomGenerator.getDefault(),
        Math.min(4, Math.max(1, sources.size())));
  }

  Collector(
      List<StatusPageSource> sources,
      Consumer<RawStatus> publisher,
      PollPolicy policy,
      Clock clock,
      RandomGenerator random,
      int threads) {
    this.health = new CollectorHealth(policy.unreachableAfter(), clock);
    this.random = random;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(policy.requestTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    List<StatusPoller> all = new ArrayList<>();
    for (StatusPageSource source : sources) {
      all.add(new StatusPoller(source, http, publisher, health, policy, clock, random, USER_AGENT));
    }
    this.pollers = List.copyOf(all);
    this.scheduler =
        Executors.newScheduledThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "tandem-collector");
              thread.setDaemon(true);
              return thread;
            });
  }

  public CollectorHealth health() {
    return health;
  }

  /** Starts polling; each provider's first fetch comes at a random point of its first interval. */
  public void start() {
    health.announceChanges(true);
    log.info("collecting {} status pages", pollers.size());
    for (StatusPoller poller : pollers) {
      long spread = (long) (random.nextDouble() * poller.source().interval().toMillis());
      schedule(poller, Duration.ofMillis(spread));
    }
  }

  /**
   * Fetches every provider once, in parallel on the pool, and returns the outcomes in order. The
   * caller reports them: pages that fail are not logged as unreachable.
   */
  public List<StatusPoller.Poll> pollOnce() {
    health.announceChanges(false);
    List<CompletableFuture<StatusPoller.Poll>> polls =
        pollers.stream()
            .map(poller -> CompletableFuture.supplyAsync(poller::poll, scheduler))
            .toList();
    return polls.stream().map(CompletableFuture::join).toList();
  }

  private void schedule(StatusPoller poller, Duration delay) {
    try {
      scheduler.schedule(
          () -> {
            StatusPoller.Poll poll;
            try {
              poll = poller.poll();
            } catch (RuntimeException e) {
              // A bug for one provider must not end its polling for good.
              log.error("{} poll failed unexpectedly", poller.source().id(), e);
              poll = new StatusPoller.Poll(StatusPoller.Outcome.FAILED, poller.source().interval());
            }
            schedule(poller, poll.nextDelay());
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // The collector is closing: no further fetches.
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String version() {
    String version = Collector.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
