package dev.tandem.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A second client listener for {@link EmbeddedKafkaBroker}: TLS with the given PKCS12 key store and
 * SASL SCRAM-SHA-512 for one user, so clients can be tried against a broker secured the way
 * production ones are. The broker keeps its PLAINTEXT listener for itself (controller,
 * inter-broker, its readiness check) and for administration.
 *
 * <p>The user's credential is written when the storage is formatted, as {@code kafka-storage format
 * --add-scram} does: it exists before the first client connects, with no window in which a correct
 * password is refused.
 *
 * @param keyStore PKCS12 key store holding the broker's certificate and private key
 * @param keyStorePassword password of the key store and of the key in it
 * @param user SCRAM user name
 * @param password SCRAM password; letters, digits, {@code . _ -} only (the storage formatter's
 *     syntax)
 */
public record SaslSslListener(
    Path keyStore, String keyStorePassword, String user, String password) {

  static final String NAME = "SASL_SSL";
  static final String MECHANISM = "SCRAM-SHA-512";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

  public SaslSslListener {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    if (user == null
        || !PLAIN.matcher(user).matches()
        || password == null
        || !PLAIN.matcher(password).matches()) {
      throw new IllegalArgumentException(
          "SCRAM user and password must be letters, digits, '.', '_' or '-'");
    }
  }

  /** The argument of the storage formatter that creates the user. */
  String scramArgument() {
    return MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  /** Without the passwords: a record's own toString would print them wherever this is logged. */
  @Override
  public String toString() {
    return "SaslSslListener[keyStore=" + keyStore + ", user=" + user + "]";
  }
}
