package dev.tandem.notify;

import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * The notification targets of {@code tandem.notify.*}, read and checked at start: {@code
 * tandem.notify.targets} lists them by name, and each has {@code tandem.notify.<name>.type}
 * (webhook, slack, pagerduty, alertmanager), {@code .url} or {@code .url.file} (a file holding it:
 * the URL of Slack and of a tokened webhook is a credential), {@code .routing.key} or {@code
 * .routing.key.file} (PagerDuty), {@code .min.confidence} (0..1, 0) and {@code .providers} (a comma
 * list, all when unset). Every problem is one line naming the key, never a secret's value.
 */
public record NotifySettings(
    List<NotifyTarget> targets, DashboardLinks dashboard, Backoff backoff, Duration timeout) {

  /** Target names: also the middle of their keys and of their environment variables. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  /** PagerDuty's Events API, where a pagerduty target posts unless its url says otherwise. */
  static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  private static final Set<String> TARGET_KEYS =
      Set.of(
          "type",
          "url",
          "url.file",
          "routing.key",
          "routing.key.file",
          "min.confidence",
          "providers");

  public boolean none() {
    return targets.isEmpty();
  }

  /**
   * @throws ConfigException one line naming the key at fault
   */
  public static NotifySettings read(TandemConfig config) {
    List<String> names = config.notifyTargets();
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException(
            TandemSettings.NOTIFY_TARGETS
                + ": target name '"
                + name
                + "' must be lower-case letters, digits and '-' ([a-z0-9-]+)");
      }
      if (!seen.add(name)) {
        throw new ConfigException(
            TandemSettings.NOTIFY_TARGETS + ": target '" + name + "' is listed twice");
      }
    }
    Map<String, String> values = config.values();
    for (String key : values.keySet()) {
      if (key.startsWith(TandemSettings.NOTIFY_PREFIX)
          && !TandemSettings.DEFINITION.configKeys().containsKey(key)) {
        requireTargetKey(key, seen);
      }
    }
    List<NotifyTarget> targets = new ArrayList<>();
    for (String name : names) {
      targets.add(target(name, values));
    }
    String dashboard = config.notifyDashboardUrl();
    if (dashboard != null) {
      requireHttpUrl(TandemSettings.NOTIFY_DASHBOARD_URL, dashboard, false);
    }
    return new NotifySettings(
        List.copyOf(targets),
        DashboardLinks.of(dashboard),
        new Backoff(config.notifyRetryBackoff(), config.notifyRetryBackoffMax()),
        config.notifyTimeout());
  }

  private static void requireTargetKey(String key, Set<String> names) {
    String rest = key.substring(TandemSettings.NOTIFY_PREFIX.length());
    int dot = rest.indexOf('.');
    String name = dot < 0 ? rest : rest.substring(0, dot);
    String setting = dot < 0 ? "" : rest.substring(dot + 1);
    if (!names.contains(name)) {
      throw new ConfigException(
          "Unknown Tandem setting '"
              + key
              + "': '"
              + name
              + "' is no target listed in "
              + TandemSettings.NOTIFY_TARGETS
              + " "
              + names
              + "; the settings are listed in README.md, Notifications");
    }
    if (!TARGET_KEYS.contains(setting)) {
      throw new ConfigException(
          "Unknown Tandem setting '"
              + key
              + "'; a target's settings are "
              + TARGET_KEYS.stream().sorted().collect(Collectors.joining(", ")));
    }
  }

  private static NotifyTarget target(String name, Map<String, String> values) {
    String prefix = TandemSettings.NOTIFY_PREFIX + name + ".";
    String typeKey = prefix + "type";
    String typeValue = given(values, typeKey);
    if (typeValue == null) {
      throw new ConfigException(
          "Missing required configuration '"
              + typeKey
              + "' (one of "
              + TargetType.choices()
              + ") for notification target '"
              + name
              + "'");
    }
    TargetType type = TargetType.of(typeValue);
    if (type == null) {
      throw new ConfigException(
          typeKey + ": '" + typeValue + "' is no target type; expected " + TargetType.choices());
    }
    Secret url = secret(values, prefix + "url");
    if (url == null && type == TargetType.PAGERDUTY) {
      url = new Secret(PAGERDUTY_EVENTS_URL);
    }
    if (url == null) {
      throw new ConfigException(
          "Missing required configuration '"
              + prefix
              + "url' (or '"
              + prefix
              + "url.file') for notification target '"
              + name
              + "'");
    }
    requireHttpUrl(prefix + "url", url.reveal(), true);
    Secret routingKey = secret(values, prefix + "routing.key");
    if (type == TargetType.PAGERDUTY && routingKey == null) {
      throw new ConfigException(
          "Missing required configuration '"
              + prefix
              + "routing.key' (or '"
              + prefix
              + "routing.key.file'): the PagerDuty integration key of target '"
              + name
              + "'");
    }
    if (type != TargetType.PAGERDUTY && routingKey != null) {
      throw new ConfigException(
          prefix
              + "routing.key: only a pagerduty target has one, '"
              + name
              + "' is "
              + type.setting());
    }
    return new NotifyTarget(
        name,
        type,
        url,
        routingKey,
        confidence(prefix + "min.confidence", given(values, prefix + "min.confidence")),
        providers(given(values, prefix + "providers")));
  }

  /** {@code key}, or the content of the file {@code key.file}; not both. */
  private static Secret secret(Map<String, String> values, String key) {
    String value = given(values, key);
    String file = given(values, key + ".file");
    if (value != null && file != null) {
      throw new ConfigException("Set either '" + key + "' or '" + key + ".file', not both");
    }
    if (file != null) {
      try {
        String content = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
          throw new ConfigException(key + ".file: " + file + " is empty");
        }
        return new Secret(content);
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new ConfigException(
            key + ".file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    return value == null ? null : new Secret(value);
  }

  private static void requireHttpUrl(String key, String value, boolean secret) {
    String shown = secret ? new Secret(value).shownUrl() : value;
    URI uri;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": not a URL" + (secret ? "" : " ('" + shown + "')"));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigException(
          key + ": expected an http:// or https:// URL" + (secret ? "" : ", not '" + shown + "'"));
    }
  }

  private static double confidence(String key, String value) {
    if (value == null) {
      return 0;
    }
    try {
      double confidence = Double.parseDouble(value.trim());
      if (confidence >= 0 && confidence <= 1) {
        return confidence;
      }
    } catch (NumberFormatException e) {
      // Said below.
    }
    throw new ConfigException(key + ": '" + value + "' is not a number between 0 and 1");
  }

  private static Set<String> providers(String value) {
    if (value == null) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String given(Map<String, String> values, String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
