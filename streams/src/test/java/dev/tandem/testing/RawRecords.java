package dev.tandem.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Raw records as a publisher writes them, for tests that add updates to a running pipeline. */
public final class RawRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RawRecords() {}

  /**
   * A provider's first update of a major incident, in Tandem's canonical format: {@code
   * incidentId}, update {@code incidentId-1}, investigating since {@code at}.
   */
  public static ProducerRecord<String, byte[]> investigating(
      String topic, String provider, String incidentId, String title, Instant at) {
    ObjectNode update = JSON.createObjectNode();
    update.put("incidentId", incidentId);
    update.put("updateId", incidentId + "-1");
    update.put("title", title);
    update.put("status", "INVESTIGATING");
    update.put("impact", "MAJOR");
    update.put("startedAt", at.toString());
    update.put("updatedAt", at.toString());
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, provider, update.toString().getBytes(StandardCharsets.UTF_8));
    record.headers().add("tandem.format", "tandem".getBytes(StandardCharsets.UTF_8));
    return record;
  }
}
