package dev.tandem.pipeline;

import java.util.List;
import java.util.Map;

/**
 * The topics of the pipeline (design §2), configurable by {@code tandem.topic.<role>}.
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

  /**
   * Reads {@code tandem.topic.raw}, {@code .updates}, {@code .incidents}, {@code .outages}, {@code
   * .outages.json}, {@code .dlq}.
   */
  public static TandemTopics from(Map<String, ?> config) {
    return new TandemTopics(
        value(config, "tandem.topic.raw", DEFAULTS.raw),
        value(config, "tandem.topic.updates", DEFAULTS.updates),
        value(config, "tandem.topic.incidents", DEFAULTS.incidents),
        value(config, "tandem.topic.outages", DEFAULTS.outages),
        value(config, "tandem.topic.outages.json", DEFAULTS.outagesJson),
        value(config, "tandem.topic.dlq", DEFAULTS.deadLetters));
  }

  public List<String> all() {
    return List.of(raw, updates, incidents, outages, outagesJson, deadLetters);
  }

  /** Topics whose latest value per key is what matters: incidents and outages are compacted. */
  public List<String> compacted() {
    return List.of(incidents, outages, outagesJson);
  }

  private static String value(Map<String, ?> config, String key, String fallback) {
    Object v = config.get(key);
    return v == null || v.toString().isBlank() ? fallback : v.toString();
  }
}
