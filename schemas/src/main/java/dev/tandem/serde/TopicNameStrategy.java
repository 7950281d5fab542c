package dev.tandem.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Confluent's default subject naming: {@code <topic>-key} or {@code <topic>-value}. */
final class TopicNameStrategy {

  private TopicNameStrategy() {}

  static String subject(String topic, boolean isKey) {
    if (topic == null || topic.isBlank()) {
      // Confluent would register "null-value"; a subject nobody can find again helps no one.
      throw new SerializationException("A topic is required to name the Schema Registry subject");
    }
    return topic + (isKey ? "-key" : "-value");
  }
}
