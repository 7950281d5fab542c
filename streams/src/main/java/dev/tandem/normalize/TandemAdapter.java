package dev.tandem.normalize;

import static dev.tandem.normalize.PayloadObject.quote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import dev.tandem.contract.StatusUpdate;
import dev.tandem.raw.RawStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tandem's canonical JSON update ({@code tandem}): one object in the shape of StatusUpdate, or an
 * array of them, as people and apps publish with kcat. It is our own format, so it is read
 * strictly: a status, impact or component status we do not know fails the payload with the allowed
 * values, instead of being guessed at.
 */
public final class TandemAdapter implements FormatAdapter {

  public static final String FORMAT = "tandem";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean recognizes(JsonNode document) {
    return OneOrMany.matches(document, TandemAdapter::isUpdate);
  }

  @Override
  public ParseResult parse(RawStatus raw) {
    try {
      JsonNode tree = BoundedJson.read(raw.payload());
      List<StatusUpdate> updates = new ArrayList<>();
      if (tree.isObject()) {
        updates.add(update(PayloadObject.of(tree, "tandem update"), raw));
      } else if (tree.isArray()) {
        int position = 1;
        for (JsonNode element : tree) {
          updates.add(update(PayloadObject.of(element, "tandem update #" + position++), raw));
        }
      } else {
        throw new MalformedPayload(
            "tandem payload is "
                + PayloadObject.describe(tree)
                + ", expected an update object or an array of them");
      }
      return ParseResult.parsed(updates);
    } catch (MalformedPayload e) {
      return ParseResult.failed(e.getMessage());
    }
  }

  private static boolean isUpdate(JsonNode node) {
    return node.isObject() && node.hasNonNull("incidentId") && node.hasNonNull("updateId");
  }

  private static StatusUpdate update(PayloadObject unnamed, RawStatus raw) {
    String updateId = unnamed.requiredText("updateId");
    PayloadObject update = unnamed.named(unnamed.name() + " " + quote(updateId));
    String incidentId = update.requiredText("incidentId");
    IncidentStatus status =
        symbol(update, "status", IncidentStatus.class).orElseThrow(() -> update.missing("status"));
    Instant startedAt = update.instant("startedAt").orElseThrow(() -> update.missing("startedAt"));
    Instant updatedAt = update.instant("updatedAt").orElseThrow(() -> update.missing("updatedAt"));
    return new Provenance(provider(update, raw.provider()), raw.source(), FORMAT)
        .newUpdate()
        .setIncidentId(incidentId)
        .setUpdateId(updateId)
        // A title is a courtesy for people reading alerts; the incident id is an honest stand-in.
        .setTitle(update.text("title").orElse(incidentId))
        .setStatus(status)
        .setImpact(symbol(update, "impact", Impact.class).orElse(Impact.NONE))
        .setComponents(components(update))
        .setBody(update.text("body").orElse(null))
        .setStartedAt(startedAt)
        .setUpdatedAt(updatedAt)
        .build();
  }

  /**
   * The record key names the provider (design §2); a payload that names another one is a mistake
   * worth stopping.
   */
  private static String provider(PayloadObject update, String recordKey) {
    Optional<String> declared = update.text("provider");
    Optional<String> key = Optional.ofNullable(recordKey).filter(k -> !k.isBlank());
    if (declared.isPresent() && key.isPresent() && !declared.get().equals(key.get())) {
      throw new MalformedPayload(
          "payload says provider "
              + quote(declared.get())
              + " but the record key is "
              + quote(key.get())
              + " ("
              + update.name()
              + ")");
    }
    return key.or(() -> declared)
        .orElseThrow(
            () ->
                new MalformedPayload(
                    update.name()
                        + " has no 'provider' and the record has no key: one of them must name the provider"));
  }

  private static List<AffectedComponent> components(PayloadObject update) {
    List<AffectedComponent> components = new ArrayList<>();
    for (PayloadObject component : update.objects("components", update.name() + " component")) {
      components.add(
          AffectedComponent.newBuilder()
              .setId(component.text("id").orElse(null))
              .setName(component.requiredText("name"))
              .setStatus(
                  symbol(component, "status", ComponentStatus.class)
                      .orElse(ComponentStatus.UNKNOWN))
              .build());
    }
    return List.copyOf(components);
  }

  /**
   * The field's enum symbol in any case ({@code partial_outage} or {@code PARTIAL_OUTAGE}); empty
   * when absent.
   */
  private static <E extends Enum<E>> Optional<E> symbol(
      PayloadObject object, String field, Class<E> type) {
    Optional<String> word = object.text(field);
    if (word.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        EnumSymbols.lookup(type, word.get())
            .orElseThrow(
                () ->
                    new MalformedPayload(
                        object.name()
                            + " has unknown "
                            + field
                            + " "
                            + quote(word.get())
                            + "; allowed: "
                            + EnumSymbols.listed(type))));
  }
}
