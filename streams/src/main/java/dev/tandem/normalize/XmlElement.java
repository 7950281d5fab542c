package dev.tandem.normalize;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of an XML payload as {@link BoundedXml} read it: just enough of a tree for feeds
 * (names, attributes, text, children), with none of the DOM's weight or its hooks to the outside.
 *
 * @param namespace the namespace URI, empty when the element has none
 * @param name the local name
 * @param attributes attribute values by local name
 * @param text the character data directly inside the element (CDATA included), not that of its
 *     children
 * @param children the child elements, in document order
 */
record XmlElement(
    String namespace,
    String name,
    Map<String, String> attributes,
    String text,
    List<XmlElement> children) {

  XmlElement {
    attributes = Map.copyOf(attributes);
    children = List.copyOf(children);
  }

  /** The first child with this local name, in any namespace. */
  Optional<XmlElement> child(String localName) {
    return children.stream().filter(c -> c.name.equals(localName)).findFirst();
  }

  /** The first child with this local name in this namespace. */
  Optional<XmlElement> child(String namespaceUri, String localName) {
    return children.stream()
        .filter(c -> c.name.equals(localName) && c.namespace.equals(namespaceUri))
        .findFirst();
  }

  List<XmlElement> children(String localName) {
    return children.stream().filter(c -> c.name.equals(localName)).toList();
  }

  /** The stripped text of the first child with this local name; empty when missing or blank. */
  Optional<String> childText(String localName) {
    return child(localName).map(XmlElement::allText).map(String::strip).filter(t -> !t.isEmpty());
  }

  /**
   * The stripped text of the first child with this local name in this namespace; empty when missing
   * or blank.
   */
  Optional<String> childText(String namespaceUri, String localName) {
    return child(namespaceUri, localName)
        .map(XmlElement::allText)
        .map(String::strip)
        .filter(t -> !t.isEmpty());
  }

  /** Children with this local name in this namespace. */
  List<XmlElement> children(String namespaceUri, String localName) {
    return children.stream()
        .filter(c -> c.name.equals(localName) && c.namespace.equals(namespaceUri))
        .toList();
  }

  Optional<String> attribute(String localName) {
    return Optional.ofNullable(attributes.get(localName))
        .map(String::strip)
        .filter(a -> !a.isEmpty());
  }

  /**
   * The text of the element and of everything inside it, in document order as far as the tree keeps
   * it.
   */
  String allText() {
    if (children.isEmpty()) {
      return text;
    }
    StringBuilder all = new StringBuilder(text);
    Deque<XmlElement> pending = new ArrayDeque<>();
    pushInReverse(pending, children);
    // Iterative, not recursive: depth is bounded by BoundedXml, but a loop cannot overflow the
    // stack at all.
    while (!pending.isEmpty()) {
      XmlElement next = pending.pop();
      all.append(' ').append(next.text);
      pushInReverse(pending, next.children);
    }
    return all.toString();
  }

  private static void pushInReverse(Deque<XmlElement> stack, List<XmlElement> elements) {
    for (int i = elements.size() - 1; i >= 0; i--) {
      stack.push(elements.get(i));
    }
  }

  /** {@code <rss>} or {@code <{http://www.w3.org/2005/Atom}feed>}, for failure reasons. */
  String qualifiedName() {
    return namespace.isEmpty() ? "<" + name + ">" : "<{" + namespace + "}" + name + ">";
  }
}
