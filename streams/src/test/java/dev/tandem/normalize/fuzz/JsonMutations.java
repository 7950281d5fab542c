package dev.tandem.normalize.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mutations that know JSON: a real document is read into a tree, values anywhere in it are replaced
 * by values of the wrong type, nulls, huge strings and numbers, deep nesting, fields are dropped,
 * added (with names the formats use) and written twice, arrays repeated, subtrees swapped; then the
 * tree is written back out, compact or indented. The result is mostly valid JSON, so it gets past
 * the parser into the adapter, where the interesting failures are.
 */
final class JsonMutations {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final Map<String, JsonNode> TREES = new ConcurrentHashMap<>();

  /** Nesting depths around the limit BoundedJson enforces (64), and far past it. */
  private static final int[] DEPTHS = {2, 10, 60, 62, 63, 64, 65, 100, 1_000};

  private JsonMutations() {}

  /** A place in a tree where a value sits: a field of an object or an element of an array. */
  private record Slot(ContainerNode<?> parent, String field, int index) {

    JsonNode get() {
      return parent instanceof ObjectNode object
          ? object.get(field)
          : ((ArrayNode) parent).get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode object) {
        object.set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode object) {
        object.remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }

    @Override
    public String toString() {
      return parent instanceof ObjectNode ? "'" + field + "'" : "[" + index + "]";
    }
  }

  /** Every field name of the fixtures: added fields then carry names the adapters look for. */
  static Set<String> fieldNames(List<FuzzFixtures.Fixture> fixtures) {
    Set<String> names = new TreeSet<>();
    for (FuzzFixtures.Fixture fixture : fixtures) {
      collectNames(tree(fixture), names);
    }
    return names;
  }

  /** One to four structural mutations of a JSON fixture, written back as bytes. */
  static byte[] mutate(
      FuzzFixtures.Fixture fixture, List<String> fieldNames, Random random, List<String> how) {
    JsonNode root = tree(fixture).deepCopy();
    int count = 1 + random.nextInt(random.nextBoolean() ? 2 : 4);
    for (int i = 0; i < count; i++) {
      root = mutateOnce(root, fieldNames, random, how);
    }
    double duplicateKeys = random.nextInt(5) == 0 ? 0.05 + random.nextDouble() * 0.3 : 0;
    if (duplicateKeys > 0) {
      how.add("some keys written twice");
    }
    boolean indent = random.nextBoolean();
    StringBuilder out = new StringBuilder();
    write(root, out, indent, 0, duplicateKeys, random);
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > ByteMutations.MAX_INPUT) {
      how.add("cut to " + ByteMutations.MAX_INPUT + " bytes");
      return java.util.Arrays.copyOf(bytes, ByteMutations.MAX_INPUT);
    }
    return bytes;
  }

  private static JsonNode mutateOnce(
      JsonNode root, List<String> fieldNames, Random random, List<String> how) {
    List<Slot> slots = new ArrayList<>();
    collectSlots(root, slots);
    if (slots.isEmpty() || random.nextInt(12) == 0) {
      return mutateRoot(root, random, how);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(11)) {
      case 0, 1 -> {
        JsonNode value = hostileValue(random);
        how.add("set " + slot + " to " + describe(value));
        slot.set(value);
      }
      case 2 -> {
        JsonNode value = wrongType(slot.get(), random);
        how.add("set " + slot + " to the wrong type " + describe(value));
        slot.set(value);
      }
      case 3 -> {
        how.add("remove " + slot);
        slot.remove();
      }
      case 4 -> {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        if (!objects.isEmpty()) {
          String name = fieldNames.get(random.nextInt(fieldNames.size()));
          JsonNode value = random.nextBoolean() ? hostileValue(random) : slot.get().deepCopy();
          how.add("add field '" + name + "' = " + describe(value));
          objects.get(random.nextInt(objects.size())).set(name, value);
        }
      }
      case 5 -> {
        JsonNode value = slot.get();
        // Many copies of a leaf or a small object; a few of anything bigger, or the tree explodes.
        boolean small =
            value.size() <= 8 && (!value.isTextual() || value.asText().length() < 1_000);
        int times =
            small && random.nextInt(6) == 0 ? 50 + random.nextInt(1_000) : 1 + random.nextInt(4);
        ArrayNode repeated = NODES.arrayNode();
        for (int i = 0; i < times; i++) {
          repeated.add(value.deepCopy());
        }
        if (slot.parent() instanceof ArrayNode array) {
          how.add("repeat element " + slot + " " + times + " times");
          array.addAll(repeated);
        } else {
          how.add("replace " + slot + " with an array of it " + times + " times");
          slot.set(repeated);
        }
      }
      case 6 -> {
        int depth = deepest(how, random);
        how.add("nest " + slot + " " + depth + " levels deep");
        slot.set(nest(slot.get(), depth, random.nextBoolean()));
      }
      case 7 -> {
        Slot other = slots.get(random.nextInt(slots.size()));
        how.add("copy " + other + " over " + slot);
        slot.set(other.get().deepCopy());
      }
      case 8 -> {
        JsonNode value = slot.get();
        if (value.isTextual()) {
          String text = nearMiss(value.asText(), random);
          how.add("change " + slot + " to " + PayloadPreview.of(text));
          slot.set(NODES.textNode(text));
        } else {
          JsonNode replacement =
              NODES.textNode(HostileValues.pick(HostileValues.TIMESTAMPS, random));
          how.add("set " + slot + " to " + describe(replacement));
          slot.set(replacement);
        }
      }
      case 10 -> {
        // Rarely: an inflated document is most of a megabyte, and one in a hundred cases finds what
        // it can.
        if (random.nextInt(4) == 0) {
          inflateSiblingArrays(root, random, how);
        } else {
          JsonNode value = hostileValue(random);
          how.add("set " + slot + " to " + describe(value));
          slot.set(value);
        }
      }
      default -> {
        if (slot.get() instanceof ContainerNode<?> container && container.size() > 0) {
          how.add("empty " + slot);
          container.removeAll();
        } else {
          how.add("set " + slot + " to null");
          slot.set(NODES.nullNode());
        }
      }
    }
    return root;
  }

  /**
   * Every array of one object made the same, larger length by repeating its elements: an incident
   * with thousands of updates and thousands of components at once, which is where work that grows
   * with their product hides.
   */
  private static void inflateSiblingArrays(JsonNode root, Random random, List<String> how) {
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    List<ObjectNode> withArrays =
        objects.stream()
            .filter(
                object ->
                    object.properties().stream()
                        .anyMatch(
                            field -> field.getValue().isArray() && !field.getValue().isEmpty()))
            .toList();
    if (withArrays.isEmpty()) {
      return;
    }
    ObjectNode object = withArrays.get(random.nextInt(withArrays.size()));
    int[] lengths = {10, 100, 320, 1_000};
    int length = lengths[random.nextInt(lengths.length)];
    List<String> inflated = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (field.getValue() instanceof ArrayNode array && !array.isEmpty()) {
        int original = array.size();
        for (int i = original; i < length; i++) {
          array.add(array.get(i % original).deepCopy());
        }
        inflated.add("'" + field.getKey() + "'");
      }
    }
    how.add(
        "repeat the elements of "
            + String.join(", ", inflated)
            + " of one object to "
            + length
            + " each");
  }

  private static JsonNode mutateRoot(JsonNode root, Random random, List<String> how) {
    switch (random.nextInt(4)) {
      case 0 -> {
        how.add("wrap the document in an array");
        return NODES.arrayNode().add(root);
      }
      case 1 -> {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots);
        if (!slots.isEmpty()) {
          Slot slot = slots.get(random.nextInt(slots.size()));
          how.add("make " + slot + " the document");
          return slot.get();
        }
        return root;
      }
      case 2 -> {
        JsonNode value = hostileValue(random);
        how.add("replace the document with " + describe(value));
        return value;
      }
      default -> {
        int depth = deepest(how, random);
        how.add("nest the document " + depth + " levels deep");
        return nest(root, depth, random.nextBoolean());
      }
    }
  }

  /**
   * A nesting depth; small once the case is already nested deep, so that this writer's recursion
   * stays shallow (the parser refuses anything past 64 levels, much deeper says nothing new).
   */
  private static int deepest(List<String> how, Random random) {
    boolean nestedAlready = how.stream().anyMatch(step -> step.endsWith("levels deep"));
    return nestedAlready ? 2 : DEPTHS[random.nextInt(DEPTHS.length)];
  }

  static JsonNode hostileValue(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextBoolean() ? 0 : -1);
      case 3 -> NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
      case 4 ->
          NODES.numberNode(
              BigInteger.TEN.pow(19 + random.nextInt(random.nextBoolean() ? 40 : 1_500)));
      case 5 -> NODES.numberNode(random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE);
      case 6 ->
          NODES.numberNode(
              new BigDecimal(
                  "1E" + (random.nextBoolean() ? "+" : "-") + (300 + random.nextInt(999_999_700))));
      case 7 -> NODES.arrayNode();
      case 8 -> NODES.objectNode();
      case 9 -> NODES.textNode(HostileValues.huge(random));
      default -> NODES.textNode(HostileValues.text(random));
    };
  }

  private static JsonNode wrongType(JsonNode value, Random random) {
    if (value.isContainerNode()) {
      return random.nextBoolean()
          ? NODES.textNode(HostileValues.text(random))
          : NODES.numberNode(random.nextInt());
    }
    if (random.nextBoolean()) {
      return NODES.arrayNode().add(value.deepCopy());
    }
    ObjectNode object = NODES.objectNode();
    object.set("id", value.deepCopy());
    return object;
  }

  private static JsonNode nest(JsonNode value, int depth, boolean arrays) {
    JsonNode nested = value;
    for (int i = 0; i < depth; i++) {
      nested = arrays ? NODES.arrayNode().add(nested) : NODES.objectNode().set("updates", nested);
    }
    return nested;
  }

  /**
   * Almost the same text: another case, padding, a cut, a character more: the spellings vendors
   * drift into.
   */
  private static String nearMiss(String text, Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> text.toUpperCase(java.util.Locale.ROOT);
      case 1 -> " " + text + "\t";
      case 2 -> text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
      case 3 -> text + HostileValues.pick(HostileValues.ODD_TEXT, random);
      case 4 -> text.replace('-', '_').replace(':', ' ');
      default -> HostileValues.text(random);
    };
  }

  /** JSON text, written by hand so that keys can be written twice and lone surrogates escaped. */
  private static void write(
      JsonNode node,
      StringBuilder out,
      boolean indent,
      int depth,
      double duplicateKeys,
      Random random) {
    if (out.length() > ByteMutations.MAX_INPUT) {
      return; // cut at the input bound anyway; repeated huge values would not fit in a String
    }
    if (node.isObject()) {
      out.append('{');
      boolean first = true;
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        int times = duplicateKeys > 0 && random.nextDouble() < duplicateKeys ? 2 : 1;
        for (int i = 0; i < times; i++) {
          if (!first) {
            out.append(',');
          }
          first = false;
          newline(out, indent, depth + 1);
          string(field.getKey(), out);
          out.append(indent ? ": " : ":");
          JsonNode value =
              i == 0
                  ? field.getValue()
                  : (random.nextBoolean() ? hostileValue(random) : field.getValue());
          write(value, out, indent, depth + 1, duplicateKeys, random);
        }
      }
      if (!first) {
        newline(out, indent, depth);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        newline(out, indent, depth + 1);
        write(node.get(i), out, indent, depth + 1, duplicateKeys, random);
      }
      if (node.size() > 0) {
        newline(out, indent, depth);
      }
      out.append(']');
    } else if (node.isTextual()) {
      string(node.asText(), out);
    } else if (node.isNumber()) {
      out.append(node.isBigDecimal() ? node.decimalValue().toString() : node.asText());
    } else {
      out.append(node.asText()); // true, false, null
    }
  }

  private static void newline(StringBuilder out, boolean indent, int depth) {
    if (indent && depth < 40) {
      out.append('\n').append("  ".repeat(depth));
    }
  }

  /**
   * A JSON string; runs of plain characters are copied whole, since huge strings dominate the cost.
   */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean escaped =
          c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c) && !paired(text, i);
      if (escaped) {
        out.append(text, run, i);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else {
          out.append("\\u")
              .append(HEX[c >> 12 & 0xF])
              .append(HEX[c >> 8 & 0xF])
              .append(HEX[c >> 4 & 0xF])
              .append(HEX[c & 0xF]);
        }
        run = i + 1;
      }
    }
    out.append(text, run, text.length()).append('"');
  }

  /**
   * Whether the surrogate at {@code i} is half of a pair; a lone one must be escaped to survive as
   * UTF-8.
   */
  private static boolean paired(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  private static JsonNode tree(FuzzFixtures.Fixture fixture) {
    return TREES.computeIfAbsent(
        fixture.path(),
        path -> {
          try {
            return JSON.readTree(fixture.bytes());
          } catch (IOException e) {
            throw new UncheckedIOException("fixture " + path + " is not JSON", e);
          }
        });
  }

  private static void collectSlots(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      Iterator<String> names = object.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        slots.add(new Slot(object, name, -1));
        collectSlots(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collectSlots(array.get(i), slots);
      }
    }
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
    }
    if (node.isContainerNode() && objects.size() < 10_000) {
      node.forEach(child -> collectObjects(child, objects));
    }
  }

  private static void collectNames(JsonNode node, Set<String> names) {
    node.fieldNames().forEachRemaining(names::add);
    node.forEach(child -> collectNames(child, names));
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      return PayloadPreview.of(value.asText());
    }
    String text;
    try {
      text = value.toString();
    } catch (RuntimeException e) {
      return "a JSON "
          + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
          + " ("
          + e.getClass().getSimpleName()
          + ")";
    }
    return text.length() > 60 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
  }
}
