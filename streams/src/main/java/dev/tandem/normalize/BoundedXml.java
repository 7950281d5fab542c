package dev.tandem.normalize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a payload as one XML document, safely: anyone may publish to {@code tandem.status.raw}, and
 * XML's own features are the classic attacks. A DOCTYPE is refused outright, which rules out entity
 * expansion ("billion laughs") and external entities (XXE: {@code file:///etc/passwd}, SSRF) before
 * either can start; nothing is ever fetched or opened. Size, depth and element count are capped the
 * way {@link BoundedJson} caps JSON.
 *
 * <p>SAX into a small tree of {@link XmlElement}s rather than the DOM: the tree holds only what
 * feeds need, and the handler can stop a hostile document at the limit instead of after building
 * it.
 */
final class BoundedXml {

  /** Feeds nest about 5 levels deep (rss, channel, item, description); XHTML content a few more. */
  static final int MAX_NESTING_DEPTH = 64;

  /** A feed of 500 items is about 5,000 elements; 200,000 is far beyond any real status feed. */
  static final int MAX_ELEMENTS = 200_000;

  /** Long enough for any message of the JDK's parser about a sane document. */
  private static final int LONGEST_PARSER_MESSAGE = 300;

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  private BoundedXml() {}

  /**
   * The payload's root element with everything inside it; throws {@link MalformedPayload} saying
   * what is wrong.
   */
  static XmlElement read(byte[] bytes) {
    TreeBuilder tree = new TreeBuilder(Integer.MAX_VALUE);
    parse(bytes, tree);
    return tree.root();
  }

  /**
   * Only the root element, read without the rest of the document: enough to tell an RSS feed from
   * an Atom feed when the {@code tandem.format} header is missing. The same safety rules apply.
   */
  static XmlElement root(byte[] bytes) {
    TreeBuilder tree = new TreeBuilder(1);
    parse(bytes, tree);
    return tree.root();
  }

  /**
   * Whether the payload starts, after any byte order mark and whitespace, with {@code <}: the one
   * thing every XML document and no JSON document does.
   */
  static boolean looksLikeXml(byte[] bytes) {
    if (bytes == null) {
      return false;
    }
    int i = 0;
    int step = 1;
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      i = 3;
    } else if (startsWith(bytes, 0xFE, 0xFF)) {
      i = 3; // UTF-16 big endian: the low byte of each character
      step = 2;
    } else if (startsWith(bytes, 0xFF, 0xFE)) {
      i = 2; // UTF-16 little endian: the low byte comes first
      step = 2;
    }
    for (; i < bytes.length; i += step) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '<';
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static void parse(byte[] bytes, TreeBuilder tree) {
    if (bytes == null) {
      throw new MalformedPayload(
          "record has no value (a tombstone): there is no payload to normalize");
    }
    if (bytes.length > BoundedJson.MAX_PAYLOAD_BYTES) {
      throw new MalformedPayload(BoundedJson.tooLarge(bytes.length));
    }
    try {
      // The InputSource gets bytes, not a String: the parser then honours the BOM and the encoding
      // the
      // XML declaration names, and refuses bytes that do not fit it.
      parser().parse(new InputSource(new ByteArrayInputStream(bytes)), tree);
    } catch (EnoughRead e) {
      // root(): the first element is all that was asked for.
    } catch (LimitExceeded e) {
      throw new MalformedPayload(e.getMessage());
    } catch (SAXParseException e) {
      throw new MalformedPayload(reason(e));
    } catch (SAXException e) {
      throw new MalformedPayload("payload is not well-formed XML: " + clip(e.getMessage()));
    } catch (IOException e) {
      // Character decoding errors surface here: bytes that are not the encoding the document
      // declares.
      throw new MalformedPayload("payload could not be read as XML: " + clip(e.getMessage()));
    }
    if (tree.root() == null) {
      throw new MalformedPayload("payload is empty: a status document was expected");
    }
  }

  /**
   * One parser per thread, reset before each payload: building one costs milliseconds, and stream
   * threads parse one payload at a time. A SAXParser is not safe to share between threads.
   */
  private static final ThreadLocal<SAXParser> PARSERS =
      ThreadLocal.withInitial(BoundedXml::newParser);

  private static SAXParser parser() {
    SAXParser parser = PARSERS.get();
    parser.reset();
    // reset() returns the parser to its factory's settings; the properties below are the parser's
    // own.
    refuseExternalAccess(parser);
    return parser;
  }

  private static SAXParser newParser() {
    try {
      // newDefaultInstance: the JDK's own parser, whose security features are known, whatever is on
      // the classpath.
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      SAXParser parser = factory.newSAXParser();
      refuseExternalAccess(parser);
      return parser;
    } catch (ParserConfigurationException | SAXException e) {
      // The JDK's parser supports all of these; without them parsing would not be safe, so stop
      // loudly.
      throw new IllegalStateException("the JDK's XML parser refused a security setting", e);
    }
  }

  private static void refuseExternalAccess(SAXParser parser) {
    try {
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXException e) {
      throw new IllegalStateException("the JDK's XML parser refused a security setting", e);
    }
  }

  private static String reason(SAXParseException e) {
    String message = clip(e.getMessage());
    if (message.toUpperCase(Locale.ROOT).contains("DOCTYPE")) {
      return "XML payload declares a DOCTYPE; Tandem refuses DTDs in status documents because they enable "
          + "entity expansion and external entity attacks";
    }
    String where =
        e.getLineNumber() > 0
            ? " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")"
            : "";
    if (message.startsWith("Invalid byte")) {
      return "payload's bytes are not in the encoding it declares (UTF-8 unless its XML declaration or byte order "
          + "mark says otherwise): "
          + message
          + where;
    }
    return "payload is not well-formed XML: " + message + where;
  }

  /**
   * The parser's message, cut short: it quotes names and values from the payload ("The element type
   * "…" must be terminated"), which may be most of a megabyte, and the reason travels as a header
   * of the dead letter that already holds the payload.
   */
  private static String clip(String message) {
    String text = String.valueOf(message);
    return text.length() > LONGEST_PARSER_MESSAGE
        ? text.substring(0, LONGEST_PARSER_MESSAGE) + "…"
        : text;
  }

  /** Builds the tree while counting what hostile input would multiply. */
  private static final class TreeBuilder extends DefaultHandler {

    /** An element under construction. */
    private static final class Open {
      final String namespace;
      final String name;
      final Map<String, String> attributes;
      final StringBuilder text = new StringBuilder();
      final List<XmlElement> children = new ArrayList<>();

      Open(String namespace, String name, Map<String, String> attributes) {
        this.namespace = namespace;
        this.name = name;
        this.attributes = attributes;
      }

      XmlElement close() {
        return new XmlElement(namespace, name, attributes, text.toString(), children);
      }
    }

    private final int elementsWanted;
    private final Deque<Open> open = new ArrayDeque<>();
    private XmlElement root;
    private int elements;

    TreeBuilder(int elementsWanted) {
      this.elementsWanted = elementsWanted;
    }

    XmlElement root() {
      return root;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      if (++elements > MAX_ELEMENTS) {
        throw new LimitExceeded(
            "payload holds more than "
                + MAX_ELEMENTS
                + " XML elements; no status feed is that large, so it is refused as hostile input");
      }
      if (open.size() >= MAX_NESTING_DEPTH) {
        throw new LimitExceeded(
            "payload nests XML deeper than "
                + MAX_NESTING_DEPTH
                + " levels; no status format does that, so it is refused as hostile input");
      }
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < attributes.getLength(); i++) {
        values.put(
            attributes.getLocalName(i).isEmpty()
                ? attributes.getQName(i)
                : attributes.getLocalName(i),
            attributes.getValue(i));
      }
      open.push(new Open(uri == null ? "" : uri, localName.isEmpty() ? qName : localName, values));
      if (elements >= elementsWanted) {
        root = open.peek().close();
        throw new EnoughRead();
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      XmlElement closed = open.pop().close();
      if (open.isEmpty()) {
        root = closed;
      } else {
        open.peek().children.add(closed);
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (!open.isEmpty()) {
        open.peek().text.append(ch, start, length);
      }
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
      // Unreachable while DOCTYPEs are refused; kept so that no configuration mistake can ever open
      // a file or URL.
      throw new SAXException(
          "external entity " + systemId + " refused: Tandem never loads external XML resources");
    }
  }

  /** A limit was crossed: the reason is the message. */
  private static final class LimitExceeded extends SAXException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String reason) {
      super(reason);
    }
  }

  /** Stops the parse once the wanted elements are read. */
  private static final class EnoughRead extends SAXException {
    private static final long serialVersionUID = 1L;
  }
}
