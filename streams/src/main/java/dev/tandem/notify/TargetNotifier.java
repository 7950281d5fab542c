package dev.tandem.notify;

import dev.tandem.contract.CorrelatedOutage;
import dev.tandem.metrics.TandemMeters;
import dev.tandem.registry.SchemaRegistryException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code tandem.outages} to one target, on a thread of its own with a consumer group of
 * its own, so a target that stays down holds back no other. Records are taken in offset order, and
 * an outage's changes share a partition (keyed by id), so each outage's notifications go out in
 * order. Each is tried until the target takes it or refuses it for good, with backoff in between,
 * and its offset is committed only then: a restart resumes at the first notification not yet taken,
 * so none is lost (some may be sent twice: at least once).
 *
 * <p>While a notification waits between attempts the consumer keeps polling with its partitions
 * paused, which keeps it in its group however long the target stays down, rather than a large
 * {@code max.poll.interval.ms} that would also hide a consumer that is truly stuck. If the group
 * rebalances meanwhile, the notification is dropped uncommitted and every partition still held is
 * read again from its committed offset, whoever holds it now sends it.
 */
final class TargetNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TargetNotifier.class);

  private static final Duration POLL = Duration.ofMillis(500);

  /** Longest a paused poll waits, so a stop or a rebalance is seen within it. */
  private static final Duration KEEP_ALIVE = Duration.ofMillis(200);

  private final NotifyTarget target;
  private final NotifySettings settings;
  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<CorrelatedOutage> outages;
  private final TargetClient client;
  private final NoticeFilter filter;
  private final Retelling retelling = new Retelling();
  private final Clock clock;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean stopping;
  private boolean rebalanced;
  private boolean failing;

  TargetNotifier(
      NotifyTarget target,
      NotifySettings settings,
      String topic,
      KafkaConsumer<String, byte[]> consumer,
      Deserializer<CorrelatedOutage> outages,
      Clock clock) {
    this.target = target;
    this.settings = settings;
    this.topic = topic;
    this.consumer = consumer;
    this.outages = outages;
    this.client = new TargetClient(target, settings.timeout());
    this.filter = new NoticeFilter(target);
    this.clock = clock;
    this.thread = new Thread(this::run, "tandem-notify-" + target.name());
    this.thread.setDaemon(true);
  }

  TargetNotifier start() {
    thread.start();
    return this;
  }

  /** Whether the consumer holds its partitions and knows where it starts in each. */
  boolean awaitAssigned(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    int troubles = 0;
    boolean rewind = false;
    try {
      consumer.subscribe(List.of(topic), new Rebalances());
      while (!stopping) {
        try {
          if (rewind) {
            rewind();
            rewind = false;
          }
          ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
          troubles = 0;
          rebalanced = false;
          for (ConsumerRecord<String, byte[]> record : records) {
            if (stopping || rebalanced) {
              break;
            }
            deliver(record);
          }
          rewind = rebalanced;
        } catch (WakeupException | InterruptException e) {
          throw e;
        } catch (KafkaException e) {
          // The brokers away, a commit that timed out: nothing was committed that was not sent,
          // so read again from the last commit once they answer.
          if (stopping) {
            break;
          }
          troubles++;
          Duration wait = settings.backoff().after(troubles, null);
          log.warn(
              "notifications to {} cannot read or commit ({}); trying again in {} ms",
              target.shown(),
              scrub(e.getMessage()),
              wait.toMillis());
          TimeUnit.MILLISECONDS.sleep(wait.toMillis());
          rewind = true;
        }
      }
    } catch (WakeupException | InterruptException e) {
      // Stopped.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!stopping) {
        log.error("notifications to {} stopped: {}", target.shown(), scrub(String.valueOf(e)), e);
      }
    } finally {
      // A stop interrupts this thread (to end an HTTP request in flight); the consumer must still
      // leave its group cleanly, or a successor of the same group waits out the session timeout.
      Thread.interrupted();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** One record, until the target takes it, refuses it, or this consumer must let it go. */
  private void deliver(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    OutageNotice notice = read(record);
    if (notice == null) {
      if (!stopping && !rebalanced) {
        // Unreadable for good: counted and skipped, or it would block every change after it.
        TandemMeters.notification(target.name(), "failed");
        commit(partition, record.offset());
      }
      return;
    }
    if (!filter.admit(notice) || target.type().readByPeople() && retelling.wouldRepeat(notice)) {
      commit(partition, record.offset());
      return;
    }
    String body = target.type().body(notice, target, settings.dashboard(), clock.instant());
    for (int attempt = 1; !stopping && !rebalanced; attempt++) {
      Attempt result = client.post(body);
      switch (result.outcome()) {
        case SENT -> {
          if (failing) {
            failing = false;
            log.info("notification target {} takes notifications again", target.shown());
          }
          TandemMeters.notification(target.name(), "sent");
          retelling.told(notice);
          commit(partition, record.offset());
          return;
        }
        case REFUSED -> {
          log.warn(
              "notification target {} refused the {} change of outage {} ({}); skipped, not"
                  + " retried",
              target.shown(),
              notice.state(),
              notice.id(),
              result.detail());
          TandemMeters.notification(target.name(), "failed");
          commit(partition, record.offset());
          return;
        }
        case RETRY -> {
          TandemMeters.notificationRetried(target.name());
          Duration wait = settings.backoff().after(attempt, result.retryAfter());
          if (!failing) {
            failing = true;
            log.warn(
                "notification target {} failing ({}); retrying with backoff, later failures"
                    + " logged at DEBUG",
                target.shown(),
                result.detail());
          } else {
            log.debug(
                "notification target {} attempt {} failed ({}); next in {} ms",
                target.shown(),
                attempt,
                result.detail(),
                wait.toMillis());
          }
          keepAlive(wait);
        }
      }
    }
  }

  /**
   * The notice of a record; null when it can never be read. A registry that does not answer is
   * waited for, like a target that does not.
   */
  private OutageNotice read(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    String id = record.key();
    if (record.value() == null) {
      return id == null ? null : OutageNotice.retraction(id);
    }
    for (int attempt = 1; !stopping && !rebalanced; attempt++) {
      try {
        CorrelatedOutage outage = outages.deserialize(record.topic(), record.value());
        return new OutageNotice(outage.getId(), outage);
      } catch (KafkaException e) {
        if (!causedByRegistry(e)) {
          log.warn(
              "notifications to {}: record at offset {} of {}-{} is unreadable, skipped: {}",
              target.shown(),
              record.offset(),
              record.topic(),
              record.partition(),
              e.getMessage());
          return null;
        }
        log.debug("the registry does not answer ({}); reading again", e.getMessage());
        keepAlive(settings.backoff().after(attempt, null));
      }
    }
    return null;
  }

  private static boolean causedByRegistry(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SchemaRegistryException) {
        return true;
      }
    }
    return false;
  }

  /** Waits while polling with every partition paused, so the group keeps this consumer. */
  private void keepAlive(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (!stopping && !rebalanced) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        consumer.pause(consumer.assignment());
        // Returns nothing while paused; a partition assigned by a rebalance meanwhile is read
        // again from its committed offset (rewind).
        consumer.poll(Duration.ofNanos(Math.min(left, KEEP_ALIVE.toNanos())));
      }
    } finally {
      consumer.resume(consumer.paused());
    }
  }

  private void commit(TopicPartition partition, long offset) {
    try {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset + 1)));
    } catch (org.apache.kafka.clients.consumer.CommitFailedException
        | org.apache.kafka.common.errors.RebalanceInProgressException e) {
      // The partition moved on: whoever holds it now starts at the last commit, and sends this
      // notification again (at least once).
      log.debug("commit for {} failed in a rebalance: {}", target.shown(), e.getMessage());
      rebalanced = true;
    }
  }

  /**
   * After a rebalance in mid-batch, or a failure: every partition held is read again from its
   * commit.
   */
  private void rewind() {
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(new HashSet<>(consumer.assignment()));
    committed.forEach(
        (partition, offset) -> {
          if (offset != null) {
            consumer.seek(partition, offset.offset());
          }
        });
    rebalanced = false;
  }

  private String scrub(String text) {
    String scrubbed = target.url().scrub(text);
    return target.routingKey() == null ? scrubbed : target.routingKey().scrub(scrubbed);
  }

  /**
   * A partition this group never committed on starts at its end (auto.offset.reset=latest) and is
   * committed there at once: a restart then resumes from that point instead of from the end again,
   * which would skip whatever came while it was down.
   */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      rebalanced = true;
      if (!partitions.isEmpty()) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, OffsetAndMetadata> anchors = new HashMap<>();
        for (TopicPartition partition : partitions) {
          if (committed.get(partition) == null) {
            anchors.put(partition, new OffsetAndMetadata(consumer.position(partition)));
          }
        }
        if (!anchors.isEmpty()) {
          consumer.commitSync(anchors);
        }
      }
      assigned.countDown();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        rebalanced = true;
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      rebalanced = true;
    }
  }

  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
