package dev.tandem.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the pipeline's topics that do not exist yet; existing topics are left as they are. */
public final class TopicSetup {

  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

  /** How long a just-created topic may take to show in the metadata of every broker. */
  static final Duration METADATA_WAIT = Duration.ofSeconds(30);

  private static final Duration METADATA_RETRY = Duration.ofMillis(100);

  private TopicSetup() {}

  /**
   * Record timestamps on Tandem's topics are event times (a vendor's update time), which may be
   * years old in a backfill or a replay: time-based retention would delete such records at once,
   * before the pipeline reads them. So: raw documents and dead letters are stamped with the time
   * the broker received them (the vendor time travels in the payload and headers) and keep the
   * broker's retention; normalized updates, a small and valuable history, are kept without time
   * limit; incidents and outages are compacted, never deleted by age.
   */
  static Map<String, String> configsFor(TandemTopics topics, String name) {
    if (topics.compacted().contains(name)) {
      return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    if (name.equals(topics.updates())) {
      return Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }
    return Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
  }

  /**
   * @param replicationFactor -1 for the broker's default
   */
  public static List<String> createMissing(
      Admin admin, TandemTopics topics, int partitions, short replicationFactor) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String name : topics.all()) {
        if (!existing.contains(name)) {
          NewTopic topic =
              new NewTopic(
                  name,
                  Optional.of(partitions),
                  replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor));
          topic.configs(configsFor(topics, name));
          missing.add(topic);
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          // Another instance creating the same topics at the same moment is fine.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
        log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
      }
      return missing.stream().map(NewTopic::name).toList();
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not create Tandem's topics: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while creating topics", e);
    }
  }

  /**
   * How many partitions a topic has (it exists: {@link #createMissing} ran). A topic created a
   * moment ago may not have reached the metadata of the broker that answers yet ("This server does
   * not host this topic-partition"), so that answer is asked again for up to {@link
   * #METADATA_WAIT}.
   */
  public static int partitionCount(Admin admin, String topic) {
    long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
    try {
      while (true) {
        try {
          return admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .size();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
              || System.nanoTime() > deadline) {
            throw new KafkaException(
                "could not describe topic " + topic + ": " + e.getCause().getMessage(),
                e.getCause());
          }
          Thread.sleep(METADATA_RETRY.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while describing topic " + topic, e);
    }
  }
}
