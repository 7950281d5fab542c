package dev.tandem.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Cloud's service health ({@code gcp}): {@code status.cloud.google.com/incidents.json}, an
 * array of incidents, and one incident ({@code incidents/<id>.json}), an object of the same shape.
 * Each incident's updates become StatusUpdates as {@link GcpIncident} describes.
 */
public final class GcpAdapter implements FormatAdapter {

  public static final String FORMAT = "gcp";

  @Override
  public String format() {
    return FORMAT;
  }

  /**
   * An array of incidents, or one incident: objects with {@code begin} and a description or
   * products.
   */
  @Override
  public boolean recognizes(JsonNode document) {
    return OneOrMany.matches(document, GcpAdapter::isIncident);
  }

  @Override
  public ParseResult parse(RawStatus raw) {
    try {
      JsonNode tree = BoundedJson.read(raw.payload());
      Provenance provenance = Provenance.fromRecordKey(raw, FORMAT);
      List<StatusUpdate> updates = new ArrayList<>();
      if (tree.isArray()) {
        int position = 1;
        long mentions = 0;
        for (JsonNode element : tree) {
          GcpIncident incident =
              GcpIncident.read(PayloadObject.of(element, "gcp incident #" + position++));
          // Counted before its updates are made: each of them gets its own copy of the incident's
          // products.
          mentions += incident.componentMentions();
          ComponentMentions.check(mentions);
          updates.addAll(incident.updates(provenance));
        }
      } else if (tree.isObject()) {
        GcpIncident incident = GcpIncident.read(PayloadObject.of(tree, "gcp incident"));
        ComponentMentions.check(incident.componentMentions());
        updates.addAll(incident.updates(provenance));
      } else {
        throw new MalformedPayload(
            "gcp payload is "
                + PayloadObject.describe(tree)
                + ", expected an array of incidents (incidents.json) or one incident object");
      }
      return ParseResult.parsed(updates);
    } catch (MalformedPayload e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private static boolean isIncident(JsonNode node) {
    return node.isObject()
        && node.hasNonNull("begin")
        && (node.has("external_desc")
            || node.has("affected_products")
            || node.has("most_recent_update"));
  }
}
