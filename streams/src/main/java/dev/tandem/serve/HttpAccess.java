package dev.tandem.serve;

import dev.tandem.io.Sha256;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Who may use the HTTP API: bearer tokens and basic-auth users, each with the read or the admin
 * role, from secret settings (README, "Access"). With none configured the API is open, and then
 * listens on 127.0.0.1 only unless the operator says otherwise ({@code
 * tandem.http.allow.anonymous}). Credentials are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}, against every credential, so that the time an answer takes tells nothing
 * about how much of a secret was right.
 */
public final class HttpAccess {

  /** What a request may do; admin includes read. */
  public enum Role {
    READ,
    ADMIN;

    boolean includes(Role needed) {
      return compareTo(needed) >= 0;
    }
  }

  private record Credential(Role role, String scheme, byte[] digest) {}

  private static final String LOOPBACK = "127.0.0.1";
  private static final String EVERYWHERE = "0.0.0.0";

  private final List<Credential> credentials;

  private HttpAccess(List<Credential> credentials) {
    this.credentials = List.copyOf(credentials);
  }

  /** No credentials: every request may read and administer (the layer listens on loopback). */
  public static HttpAccess open() {
    return new HttpAccess(List.of());
  }

  /**
   * The credentials {@code tandem.http.{read,admin}.{token,basic}} configure.
   *
   * @throws ConfigException naming the setting (never its value) when a basic credential is not
   *     {@code user:password}
   */
  public static HttpAccess from(TandemConfig config) {
    List<Credential> credentials = new ArrayList<>();
    addToken(credentials, Role.READ, config.secret(TandemSettings.HTTP_READ_TOKEN));
    addToken(credentials, Role.ADMIN, config.secret(TandemSettings.HTTP_ADMIN_TOKEN));
    addBasic(
        credentials,
        Role.READ,
        TandemSettings.HTTP_READ_BASIC,
        config.secret(TandemSettings.HTTP_READ_BASIC));
    addBasic(
        credentials,
        Role.ADMIN,
        TandemSettings.HTTP_ADMIN_BASIC,
        config.secret(TandemSettings.HTTP_ADMIN_BASIC));
    return new HttpAccess(credentials);
  }

  /** Bearer and basic credentials, for tests and embedding. */
  public static HttpAccess of(String readToken, String adminToken, String readBasic) {
    List<Credential> credentials = new ArrayList<>();
    addToken(credentials, Role.READ, readToken);
    addToken(credentials, Role.ADMIN, adminToken);
    addBasic(credentials, Role.READ, "read basic credential", readBasic);
    return new HttpAccess(credentials);
  }

  private static void addToken(List<Credential> to, Role role, String token) {
    if (token != null && !token.isBlank()) {
      to.add(new Credential(role, "bearer", Sha256.of(token.strip())));
    }
  }

  private static void addBasic(List<Credential> to, Role role, String setting, String userPass) {
    if (userPass == null || userPass.isBlank()) {
      return;
    }
    int colon = userPass.indexOf(':');
    if (colon < 1 || colon == userPass.length() - 1) {
      throw new ConfigException(setting + " must be user:password (both not empty)");
    }
    to.add(new Credential(role, "basic", Sha256.of(userPass)));
  }

  /** Whether requests must carry credentials. */
  public boolean required() {
    return !credentials.isEmpty();
  }

  /**
   * The role an {@code Authorization} header grants: every role when no credentials are configured,
   * none when the header is missing or matches no credential.
   */
  public Optional<Role> roleOf(String authorization) {
    if (!required()) {
      return Optional.of(Role.ADMIN);
    }
    if (authorization == null) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
    String value = authorization.substring(space + 1).strip();
    if (scheme.equals("basic")) {
      try {
        value = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    byte[] given = Sha256.of(value);
    Role granted = null;
    // Every credential is compared, matched or not: no early return to time.
    for (Credential credential : credentials) {
      boolean matches =
          MessageDigest.isEqual(credential.digest(), given) & credential.scheme().equals(scheme);
      if (matches && (granted == null || credential.role().includes(granted))) {
        granted = credential.role();
      }
    }
    return Optional.ofNullable(granted);
  }

  /** The challenge a 401 carries: basic where a browser should ask, bearer otherwise. */
  String challenge() {
    boolean basic = credentials.stream().anyMatch(c -> c.scheme().equals("basic"));
    return basic ? "Basic realm=\"tandem\", charset=\"UTF-8\"" : "Bearer realm=\"tandem\"";
  }

  /**
   * The address to listen on: {@code tandem.http.host} when set, else 127.0.0.1 without credentials
   * and every address with them.
   *
   * @throws ConfigException when the API would be reachable beyond this machine without credentials
   *     and {@code tandem.http.allow.anonymous} is not set
   */
  public String listenHost(TandemConfig config) {
    String host = config.httpHost();
    if (host == null || host.isBlank()) {
      return required() ? EVERYWHERE : LOOPBACK;
    }
    if (!required() && !config.httpAllowAnonymous() && !isLoopback(host)) {
      throw new ConfigException(
          TandemSettings.HTTP_HOST
              + "="
              + host
              + " would serve the API beyond this machine without credentials: set "
              + TandemSettings.HTTP_READ_TOKEN
              + " or "
              + TandemSettings.HTTP_READ_BASIC
              + " (README, Access), or "
              + TandemSettings.HTTP_ALLOW_ANONYMOUS
              + "=true behind a proxy that guards it");
    }
    return host;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
