package dev.tandem.pipeline;

import org.apache.kafka.common.KafkaException;

/**
 * A service Tandem needs (the Kafka brokers, the schema registry) did not answer in time at start,
 * or refused Tandem's credentials. Its message is one line naming the service and why, for the
 * command line to print as it is ({@link BrokerReachability}, {@link RegistryReachability}).
 */
public final class Unreachable extends KafkaException {
  private static final long serialVersionUID = 1L;

  Unreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
