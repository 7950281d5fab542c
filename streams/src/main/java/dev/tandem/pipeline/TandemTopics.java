package dev.tandem.pipeline;

import java.util.List;

/**
 * The topics of the pipeline (design §2), configurable by {@code tandem.topic.<role>} ({@link
 * TandemSettings}).
 *
 * @param raw vendor documents as fetched; users and the collector publish here
 * @param updates one normalized {@code StatusUpdate} per vendor update
 * @param incidents compacted: each incident's lifecycle so far
 * @param outages compacted: correlated outages in Avro
 * @param outagesJson the same outages as JSON, for consumers without Avro
 * @param deadLetters records that could not be processed, with the reason in their headers
 */
public record TandemTopics(
    String raw,
    String updates,
    String incidents,
    String outages,
    String outagesJson,
    String deadLetters) {

  public static final TandemTopics DEFAULTS =
      new TandemTopics(
          "tandem.status.raw",
          "tandem.status.updates",
          "tandem.incidents",
          "tandem.outages",
          "tandem.outages.json",
          "tandem.dlq");

  public List<String> all() {
    return List.of(raw, updates, incidents, outages, outagesJson, deadLetters);
  }

  /** Topics whose latest value per key is what matters: incidents and outages are compacted. */
  public List<String> compacted() {
    return List.of(incidents, outages, outagesJson);
  }
}
