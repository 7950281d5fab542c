package dev.tandem.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * Counting a topic's partitions right after creating it: the broker that answers may not know the
 * topic yet (seen on CI as "This server does not host this topic-partition").
 */
class TopicSetupTest {

  @Test
  void aTopicNotYetInTheBrokersMetadataIsAskedForAgain() {
    Deque<Object> answers = new ArrayDeque<>();
    answers.add(new UnknownTopicOrPartitionException("This server does not host this topic"));
    answers.add(new UnknownTopicOrPartitionException("This server does not host this topic"));
    answers.add(description("raw", 3));

    assertThat(TopicSetup.partitionCount(admin(answers), "raw")).isEqualTo(3);
    assertThat(answers).isEmpty();
  }

  @Test
  void anyOtherFailureIsReportedAtOnce() {
    Deque<Object> answers = new ArrayDeque<>();
    answers.add(new TopicAuthorizationException("not allowed"));
    answers.add(description("raw", 3));

    assertThatThrownBy(() -> TopicSetup.partitionCount(admin(answers), "raw"))
        .isInstanceOf(KafkaException.class)
        .hasMessage("could not describe topic raw: not allowed");
  }

  private static TopicDescription description(String topic, int partitions) {
    Node node = new Node(0, "localhost", 9092);
    List<TopicPartitionInfo> infos =
        IntStream.range(0, partitions)
            .mapToObj(p -> new TopicPartitionInfo(p, node, List.of(node), List.of(node)))
            .toList();
    return new TopicDescription(topic, false, infos);
  }

  /** An admin whose describeTopics gives the next answer: a description, or a failure. */
  private static Admin admin(Deque<Object> answers) {
    return (Admin)
        Proxy.newProxyInstance(
            Admin.class.getClassLoader(),
            new Class<?>[] {Admin.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("describeTopics")) {
                throw new UnsupportedOperationException(method.getName());
              }
              Object answer = answers.remove();
              KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
              if (answer instanceof Throwable failure) {
                future.completeExceptionally(failure);
              } else {
                TopicDescription description = (TopicDescription) answer;
                future.complete(description);
              }
              String topic = ((List<?>) args[0]).get(0).toString();
              Map<String, KafkaFuture<TopicDescription>> byName = Map.of(topic, future);
              return new DescribeTopicsResult(null, byName) {};
            });
  }
}
