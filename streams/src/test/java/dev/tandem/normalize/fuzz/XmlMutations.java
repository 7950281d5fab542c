package dev.tandem.normalize.fuzz;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.CDATASection;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;
import org.w3c.dom.Text;

/**
 * Mutations that know XML, for feeds: a real feed is read into a DOM, elements are given hostile
 * text (dates, markup, huge, not XML characters), removed, repeated, renamed to the other feed
 * elements, moved into the wrong namespace, nested deep, given odd attributes; then it is written
 * back out by hand (so that text can be left unescaped and namespaces stay declared) with one of
 * several prologs, a DOCTYPE among them.
 */
final class XmlMutations {

  static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final String DUBLIN_CORE = "http://purl.org/dc/elements/1.1/";

  /** Element names the feed adapters read, with the namespaces they read them in. */
  private static final List<String[]> NAMES =
      List.of(
          new String[] {"", "rss"},
          new String[] {"", "channel"},
          new String[] {"", "item"},
          new String[] {"", "title"},
          new String[] {"", "link"},
          new String[] {"", "guid"},
          new String[] {"", "pubDate"},
          new String[] {"", "description"},
          new String[] {"", "generator"},
          new String[] {CONTENT, "content:encoded"},
          new String[] {DUBLIN_CORE, "dc:date"},
          new String[] {ATOM, "a10:updated"},
          new String[] {ATOM, "feed"},
          new String[] {ATOM, "entry"},
          new String[] {ATOM, "id"},
          new String[] {ATOM, "title"},
          new String[] {ATOM, "updated"},
          new String[] {ATOM, "published"},
          new String[] {ATOM, "summary"},
          new String[] {ATOM, "content"},
          new String[] {ATOM, "link"},
          new String[] {ATOM, "generator"},
          new String[] {"http://example.com/other", "x:item"});

  private static final List<String> PROLOGS =
      List.of(
          "",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
          "<?xml version=\"1.1\"?>",
          "<?xml version=\"2.0\"?>",
          "<?xml version=\"1.0\" standalone=\"yes\"?><!-- a comment --><?pi data?>\n",
          "\ufeff",
          "  \n\t",
          "<!DOCTYPE rss>",
          "<!DOCTYPE feed [<!ENTITY e \"x\">]>",
          "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://127.0.0.1:9/x.dtd\">",
          "text before the root",
          "<other/>");

  private static final int[] DEPTHS = {2, 10, 60, 63, 64, 65, 200, 1_000};

  private static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();

  private XmlMutations() {}

  /** One to four structural mutations of a feed fixture, written back as UTF-8 bytes. */
  static byte[] mutate(FuzzFixtures.Fixture fixture, Random random, List<String> how) {
    Document document = (Document) document(fixture).cloneNode(true);
    int count = 1 + random.nextInt(random.nextBoolean() ? 2 : 4);
    for (int i = 0; i < count; i++) {
      mutateOnce(document, random, how);
    }
    String prolog =
        random.nextInt(4) == 0
            ? HostileValues.pick(PROLOGS, random)
            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (!prolog.startsWith("<?xml version=\"1.0\" encoding")) {
      how.add("prolog " + PayloadPreview.of(prolog));
    }
    boolean raw = random.nextInt(10) == 0;
    if (raw) {
      how.add("text written unescaped");
    }
    StringBuilder out = new StringBuilder(prolog);
    for (Node child = document.getFirstChild(); child != null; child = child.getNextSibling()) {
      write(child, out, new HashMap<>(), raw);
    }
    if (random.nextInt(20) == 0) {
      out.append(random.nextBoolean() ? "<second-root/>" : "trailing text");
      how.add("content after the root");
    }
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > ByteMutations.MAX_INPUT) {
      how.add("cut to " + ByteMutations.MAX_INPUT + " bytes");
      return java.util.Arrays.copyOf(bytes, ByteMutations.MAX_INPUT);
    }
    return bytes;
  }

  private static void mutateOnce(Document document, Random random, List<String> how) {
    List<Element> elements = new ArrayList<>();
    collect(document.getDocumentElement(), elements);
    Element element = elements.get(random.nextInt(elements.size()));
    boolean isRoot = element == document.getDocumentElement();
    String name = "<" + element.getNodeName() + ">";
    switch (random.nextInt(10)) {
      case 0, 1, 2 -> {
        String text = HostileValues.text(random);
        boolean cdata = random.nextInt(3) == 0;
        how.add(
            "set the text of " + name + " to " + (cdata ? "CDATA " : "") + PayloadPreview.of(text));
        removeChildren(element);
        element.appendChild(
            cdata ? document.createCDATASection(text) : document.createTextNode(text));
      }
      case 3 -> {
        if (!isRoot) {
          how.add("remove " + name);
          element.getParentNode().removeChild(element);
        }
      }
      case 4 -> {
        if (!isRoot) {
          // Many copies of a small element; a few of anything bigger, or the document explodes.
          boolean small =
              element.getTextContent().length() < 1_000 && element.getChildNodes().getLength() <= 8;
          int times =
              small && random.nextInt(6) == 0 ? 50 + random.nextInt(1_000) : 1 + random.nextInt(4);
          how.add("repeat " + name + " " + times + " times");
          for (int i = 0; i < times; i++) {
            element.getParentNode().insertBefore(element.cloneNode(true), element);
          }
        }
      }
      case 5 -> {
        String[] renamed = HostileValues.pick(NAMES, random);
        how.add("rename " + name + " to {" + renamed[0] + "}" + renamed[1]);
        document.renameNode(element, renamed[0].isEmpty() ? null : renamed[0], renamed[1]);
      }
      case 6 -> {
        // Once deep is enough: the parser refuses anything past 64 levels, and this writer
        // recurses.
        boolean nestedAlready = how.stream().anyMatch(step -> step.endsWith("levels deep"));
        int depth = nestedAlready ? 2 : DEPTHS[random.nextInt(DEPTHS.length)];
        how.add("nest " + name + " " + depth + " levels deep");
        Node parent = element.getParentNode();
        Node next = element.getNextSibling();
        Node nested = element;
        for (int i = 0; i < depth; i++) {
          Element wrapper =
              document.createElementNS(element.getNamespaceURI(), element.getNodeName());
          wrapper.appendChild(nested);
          nested = wrapper;
        }
        parent.insertBefore(nested, next);
      }
      case 7 -> {
        String attribute =
            HostileValues.pick(
                List.of("type", "rel", "href", "isPermaLink", "xml:lang", "x"), random);
        String value =
            random.nextBoolean()
                ? HostileValues.pick(
                    List.of("xhtml", "html", "text", "alternate", "self", "", " alternate "),
                    random)
                : HostileValues.pick(HostileValues.IDENTIFIERS, random);
        if (random.nextInt(8) == 0) {
          value = HostileValues.huge(random);
        }
        how.add("set attribute " + attribute + " of " + name + " to " + PayloadPreview.of(value));
        if (attribute.startsWith("xml:")) {
          element.setAttributeNS(XMLConstants.XML_NS_URI, attribute, value);
        } else {
          element.setAttribute(attribute, value);
        }
      }
      case 8 -> {
        String[] added = HostileValues.pick(NAMES, random);
        Element child = document.createElementNS(added[0].isEmpty() ? null : added[0], added[1]);
        String text = HostileValues.text(random);
        child.appendChild(document.createTextNode(text));
        how.add(
            "add {" + added[0] + "}" + added[1] + " = " + PayloadPreview.of(text) + " to " + name);
        element.appendChild(child);
      }
      default -> {
        Element other = elements.get(random.nextInt(elements.size()));
        if (!isRoot && !contains(other, element)) {
          how.add("copy <" + other.getNodeName() + "> over " + name);
          element.getParentNode().replaceChild(other.cloneNode(true), element);
        }
      }
    }
  }

  /** Writes a node, declaring each namespace where an element or attribute first needs it. */
  private static void write(Node node, StringBuilder out, Map<String, String> scope, boolean raw) {
    if (out.length() > ByteMutations.MAX_INPUT) {
      return; // cut at the input bound anyway; repeated huge texts would not fit in a String
    }
    if (node instanceof Element element) {
      Map<String, String> inScope = new HashMap<>(scope);
      StringBuilder attributes = new StringBuilder();
      NamedNodeMap attributeNodes = element.getAttributes();
      for (int i = 0; i < attributeNodes.getLength(); i++) {
        Attr attribute = (Attr) attributeNodes.item(i);
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
          String prefix = attribute.getNodeName().equals("xmlns") ? "" : attribute.getLocalName();
          inScope.put(prefix, attribute.getValue());
        }
      }
      String name = qualified(element, inScope, attributes, false);
      for (int i = 0; i < attributeNodes.getLength(); i++) {
        Attr attribute = (Attr) attributeNodes.item(i);
        String attributeName =
            XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                ? attribute.getNodeName()
                : qualified(attribute, inScope, attributes, true);
        attributes
            .append(' ')
            .append(attributeName)
            .append("=\"")
            .append(escape(attribute.getValue(), true, raw))
            .append('"');
      }
      out.append('<').append(name).append(attributes);
      if (!element.hasChildNodes()) {
        out.append("/>");
        return;
      }
      out.append('>');
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        write(child, out, inScope, raw);
      }
      out.append("</").append(name).append('>');
    } else if (node instanceof CDATASection cdata) {
      out.append("<![CDATA[").append(cdata.getData()).append("]]>");
    } else if (node instanceof Text text) {
      out.append(escape(text.getData(), false, raw));
    } else if (node instanceof Comment comment) {
      out.append("<!--").append(comment.getData()).append("-->");
    } else if (node instanceof ProcessingInstruction instruction) {
      out.append("<?")
          .append(instruction.getTarget())
          .append(' ')
          .append(instruction.getData())
          .append("?>");
    }
  }

  /**
   * The name to write for an element or attribute, adding a namespace declaration when it needs
   * one.
   */
  private static String qualified(
      Node node, Map<String, String> inScope, StringBuilder declarations, boolean attribute) {
    String namespace = node.getNamespaceURI() == null ? "" : node.getNamespaceURI();
    String local = node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
    String prefix = node.getPrefix() == null ? "" : node.getPrefix();
    if (namespace.equals(XMLConstants.XML_NS_URI)) {
      return "xml:" + local;
    }
    if (attribute && namespace.isEmpty()) {
      return local;
    }
    if (attribute && prefix.isEmpty()) {
      prefix = "ns" + Math.abs(namespace.hashCode() % 1000);
    }
    if (namespace.isEmpty()) {
      prefix = "";
    }
    if (!namespace.equals(inScope.getOrDefault(prefix, ""))) {
      declarations
          .append(' ')
          .append(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix)
          .append("=\"")
          .append(escape(namespace, true, false))
          .append('"');
      inScope.put(prefix, namespace);
    }
    return prefix.isEmpty() ? local : prefix + ":" + local;
  }

  private static String escape(String text, boolean attribute, boolean raw) {
    if (raw) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append(attribute ? "&quot;" : "\"");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static Document document(FuzzFixtures.Fixture fixture) {
    return DOCUMENTS.computeIfAbsent(
        fixture.path(),
        path -> {
          try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(fixture.bytes()));
          } catch (Exception e) {
            throw new IllegalStateException("fixture " + path + " is not XML", e);
          }
        });
  }

  private static void collect(Element element, List<Element> elements) {
    elements.add(element);
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement && elements.size() < 20_000) {
        collect(childElement, elements);
      }
    }
  }

  private static boolean contains(Node ancestor, Node node) {
    for (Node n = node; n != null; n = n.getParentNode()) {
      if (n == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static void removeChildren(Element element) {
    while (element.hasChildNodes()) {
      element.removeChild(element.getFirstChild());
    }
  }
}
