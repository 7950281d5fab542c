package dev.tandem.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemSettings;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * {@code GET /api/config}, for the admin role: the settings this instance runs with, as an operator
 * checks them on a running deployment. A secret is never shown: Tandem's own secret settings by
 * their declared type, Kafka's and the registry client's by name (passwords, JAAS configs, keys,
 * tokens, user info), as "[hidden]".
 */
final class SettingsView {

  static final String HIDDEN = "[hidden]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET_NAME =
      Pattern.compile("password|secret|jaas|token|user\\.info|credential|\\.key$|key\\.file$");

  private final ObjectNode body;

  SettingsView(TandemConfig config) {
    this.body = render(config.values());
  }

  HttpLayer routeOn(HttpLayer layer) {
    return layer.routeAdmin("/api/config", this::serve);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonReply reply =
          "GET".equals(exchange.getRequestMethod())
              ? JsonReply.of(200, body)
              : JsonReply.error(405, "only GET is served here");
      reply.send(exchange);
    }
  }

  static ObjectNode render(Map<String, String> values) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode tandem = body.putObject("tandem");
    ObjectNode kafka = body.putObject("kafka");
    new TreeMap<>(values)
        .forEach(
            (key, value) -> {
              ObjectNode into = TandemSettings.isTandemKey(key) ? tandem : kafka;
              into.put(key, isSecret(key) ? HIDDEN : value);
            });
    return body;
  }

  static boolean isSecret(String key) {
    ConfigDef.ConfigKey declared = TandemSettings.DEFINITION.configKeys().get(key);
    if (declared != null) {
      return declared.type == ConfigDef.Type.PASSWORD;
    }
    return SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).find();
  }
}
