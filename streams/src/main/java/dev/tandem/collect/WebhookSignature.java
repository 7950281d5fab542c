package dev.tandem.collect;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook signed the Standard Webhooks way, as incident.io delivers through Svix: headers {@code
 * webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature} (or the same
 * with {@code svix-}), the signature a space-separated list of {@code v1,<base64 HMAC-SHA256>} of
 * {@code id.timestamp.body} under the secret's bytes ({@code whsec_<base64>}). A timestamp more
 * than five minutes from now is refused, so a captured request cannot be replayed later.
 */
public final class WebhookSignature {

  static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final String SECRET_PREFIX = "whsec_";

  private final byte[] key;

  private WebhookSignature(byte[] key) {
    this.key = key;
  }

  /**
   * @throws IllegalArgumentException when the secret is not {@code whsec_} and base64 (the message
   *     never holds the secret)
   */
  public static WebhookSignature ofSecret(String secret) {
    String encoded = secret.strip();
    if (encoded.startsWith(SECRET_PREFIX)) {
      encoded = encoded.substring(SECRET_PREFIX.length());
    }
    try {
      byte[] key = Base64.getDecoder().decode(encoded);
      if (key.length == 0) {
        throw new IllegalArgumentException("empty");
      }
      return new WebhookSignature(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a signing secret must be whsec_ followed by base64, as the vendor shows it");
    }
  }

  /**
   * {@code provider=whsec_…,provider=whsec_…} (the {@code tandem.webhook.signing.secrets} setting),
   * or an empty map for null.
   *
   * @throws IllegalArgumentException naming the provider or the pair's position, never a secret
   */
  public static Map<String, WebhookSignature> perProvider(String setting) {
    Map<String, WebhookSignature> secrets = new LinkedHashMap<>();
    if (setting == null || setting.isBlank()) {
      return secrets;
    }
    String[] pairs = setting.split(",");
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i].strip();
      int eq = pair.indexOf('=');
      String provider = eq < 0 ? "" : pair.substring(0, eq).strip();
      if (!StatusPageSource.PROVIDER_ID.matcher(provider).matches()) {
        throw new IllegalArgumentException(
            "tandem.webhook.signing.secrets: entry "
                + (i + 1)
                + " must be provider=whsec_…, with a lower-case provider id");
      }
      try {
        secrets.put(provider, ofSecret(pair.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "tandem.webhook.signing.secrets: " + provider + ": " + e.getMessage());
      }
    }
    return secrets;
  }

  /** Why the request is refused, or empty when it is signed by this secret and fresh. */
  public Optional<String> refusal(Headers headers, byte[] body, Instant now) {
    String id = header(headers, "id");
    String timestamp = header(headers, "timestamp");
    String signatures = header(headers, "signature");
    if (id == null || timestamp == null || signatures == null) {
      return Optional.of("missing webhook-id, webhook-timestamp or webhook-signature header");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Optional.of("webhook-timestamp is not Unix seconds");
    }
    if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      return Optional.of("webhook-timestamp is more than 5 minutes from now (stale or replayed)");
    }
    byte[] expected = sign(id, seconds, body);
    boolean matched = false;
    for (String versioned : signatures.strip().split(" ")) {
      int comma = versioned.indexOf(',');
      if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(versioned.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      matched |= MessageDigest.isEqual(expected, given);
    }
    return matched ? Optional.empty() : Optional.of("webhook-signature does not match");
  }

  /** The v1 signature of a message: for the refusal check and for tests that sign as Svix does. */
  byte[] sign(String id, long seconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static String header(Headers headers, String name) {
    String value = headers.getFirst("webhook-" + name);
    return value != null ? value : headers.getFirst("svix-" + name);
  }
}
