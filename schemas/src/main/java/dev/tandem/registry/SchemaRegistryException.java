package dev.tandem.registry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * A Schema Registry request that failed: refused by the registry (with its HTTP status and error
 * code), answered with something unreadable, or never answered at all (status -1).
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** How much of an unreadable body goes into a message: enough to recognise an HTML error page. */
  static final int BODY_EXCERPT_LENGTH = 200;

  private final String method;
  private final String url;
  private final String subject;
  private final int httpStatus;
  private final int errorCode;
  private final String registryMessage;

  public SchemaRegistryException(
      String message,
      String method,
      String url,
      String subject,
      int httpStatus,
      int errorCode,
      String registryMessage,
      Throwable cause) {
    super(message, cause);
    this.method = method;
    this.url = url;
    this.subject = subject;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.registryMessage = registryMessage;
  }

  /**
   * The registry answered {@code httpStatus}; {@code errorCode} and {@code registryMessage} come
   * from its {"error_code", "message"} body (-1 and an excerpt of the body when it had none).
   */
  public static SchemaRegistryException rejected(
      String method,
      String url,
      String subject,
      int httpStatus,
      int errorCode,
      String registryMessage,
      int attempts) {
    StringBuilder message =
        new StringBuilder("Schema Registry rejected ")
            .append(request(method, url, subject))
            .append(": HTTP ")
            .append(httpStatus);
    if (attempts > 1) {
      message.append(" after ").append(attempts).append(" attempts");
    }
    if (errorCode != -1) {
      message.append(", error code ").append(errorCode);
    }
    if (registryMessage != null && !registryMessage.isEmpty()) {
      message.append(errorCode != -1 ? ": " : ", body: ").append(registryMessage);
    }
    return new SchemaRegistryException(
        message.toString(), method, url, subject, httpStatus, errorCode, registryMessage, null);
  }

  /**
   * Every attempt failed before any HTTP response arrived (connection refused, timeout, TLS
   * failure...).
   */
  public static SchemaRegistryException unreachable(
      String method, String url, String subject, int attempts, Throwable cause) {
    String message =
        "Schema Registry at "
            + url
            + " is unreachable after "
            + attempts
            + (attempts == 1 ? " attempt" : " attempts")
            + " ("
            + request(method, url, subject)
            + "): "
            + describe(cause);
    return new SchemaRegistryException(message, method, url, subject, -1, -1, null, cause);
  }

  /**
   * The registry said yes but its answer cannot be used (not JSON, a missing field, a schema that
   * is not Avro).
   */
  public static SchemaRegistryException malformedResponse(
      String method, String url, String subject, int httpStatus, String problem, Throwable cause) {
    String message =
        "Schema Registry gave an unusable answer to "
            + request(method, url, subject)
            + ": HTTP "
            + httpStatus
            + ", "
            + problem;
    return new SchemaRegistryException(message, method, url, subject, httpStatus, -1, null, cause);
  }

  /** The calling thread was interrupted while waiting for the registry or between retries. */
  public static SchemaRegistryException interrupted(
      String method, String url, String subject, InterruptedException cause) {
    return new SchemaRegistryException(
        "Interrupted while calling " + request(method, url, subject),
        method,
        url,
        subject,
        -1,
        -1,
        null,
        cause);
  }

  /** An excerpt of a response body short enough for a log line. */
  static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String trimmed = body.strip();
    return trimmed.length() <= BODY_EXCERPT_LENGTH
        ? trimmed
        : trimmed.substring(0, BODY_EXCERPT_LENGTH) + "...";
  }

  private static String request(String method, String url, String subject) {
    return method + " " + url + (subject == null ? "" : " (subject '" + subject + "')");
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "no cause recorded";
    }
    return cause.getMessage() == null
        ? cause.getClass().getName()
        : cause.getClass().getName() + ": " + cause.getMessage();
  }

  /**
   * Whether the registry was unavailable rather than unwilling: no answer at all (connection
   * refused, timeout, TLS failure), or HTTP 5xx or 429 after the client's retries. Such a failure
   * says nothing about the data.
   */
  public boolean unavailable() {
    if (httpStatus == -1) {
      return !(getCause() instanceof InterruptedException);
    }
    return httpStatus >= 500 || httpStatus == 429;
  }

  /**
   * The first registry failure in {@code failure}'s chain of causes that is {@link #unavailable()},
   * if any.
   */
  public static Optional<SchemaRegistryException> unavailableIn(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SchemaRegistryException e && e.unavailable()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The HTTP method of the failed request. */
  public String method() {
    return method;
  }

  /** The full URL of the (last) failed request, base path included. */
  public String url() {
    return url;
  }

  /** The subject the request was about, or null (schema by id, global config). */
  public String subject() {
    return subject;
  }

  /** The HTTP status of the registry's answer, or -1 when none arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The registry's own error code (e.g. 40401 subject not found, 409 incompatible), or -1 when
   * none.
   */
  public int errorCode() {
    return errorCode;
  }

  /** The registry's own explanation, or null when none arrived. */
  public String registryMessage() {
    return registryMessage;
  }
}
