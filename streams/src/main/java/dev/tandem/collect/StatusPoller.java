package dev.tandem.collect;

import dev.tandem.io.Sha256;
import dev.tandem.raw.RawStatus;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one provider's status document and publishes it when it changed: a conditional GET
 * ({@code If-None-Match}, {@code If-Modified-Since}), then a content hash, because many status
 * pages send neither header or change their ETag on every request. Returns the delay to the next
 * fetch: the interval with jitter after a success, exponential backoff after a failure, and never
 * less than a {@code Retry-After} the server asked for. Not thread-safe: one poll at a time.
 */
public final class StatusPoller {

  private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);

  /** How one fetch ended. */
  public enum Outcome {
    PUBLISHED,
    NOT_MODIFIED,
    UNCHANGED,
    FAILED
  }

  /** One fetch's outcome and when to fetch again. */
  public record Poll(Outcome outcome, Duration nextDelay) {}

  private final StatusPageSource source;
  private final HttpClient http;
  private final Consumer<RawStatus> publisher;
  private final CollectorHealth health;
  private final PollPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;
  private final String userAgent;

  private String etag;
  private String lastModified;
  private byte[] lastHash;
  private int consecutiveFailures;

  /**
   * @param publisher sends one record and returns once Kafka has it; it throws if it could not
   */
  public StatusPoller(
      StatusPageSource source,
      HttpClient http,
      Consumer<RawStatus> publisher,
      CollectorHealth health,
      PollPolicy policy,
      Clock clock,
      RandomGenerator random,
      String userAgent) {
    this.source = source;
    this.http = http;
    this.publisher = publisher;
    this.health = health;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.userAgent = userAgent;
  }

  public StatusPageSource source() {
    return source;
  }

  private String noAnswer() {
    return "no answer within " + policy.requestTimeout().toMillis() + " ms";
  }

  public Poll poll() {
    HttpResponse<byte[]> response;
    CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request(), this::boundedBody);
    try {
      // One deadline for headers and body alike: a page that trickles its body must not hold a
      // thread.
      response = pending.get(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return failed(noAnswer(), Optional.empty());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        // The client's own deadline for the headers is the same deadline as ours, and either may
        // fire first: one page that never answers gets one message, whichever won.
        return failed(noAnswer(), Optional.empty());
      }
      return failed(
          cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
          Optional.empty());
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return new Poll(Outcome.FAILED, Duration.ZERO);
    }
    int status = response.statusCode();
    if (status == 304) {
      health.fetched(source.id(), CollectorHealth.Fetch.NOT_MODIFIED);
      return succeeded(Outcome.NOT_MODIFIED);
    }
    if (status == 403) {
      // Not a passing failure: the page refuses Tandem, or moved and its old address refuses.
      return misconfigured("HTTP 403: the page refuses Tandem, or moved");
    }
    if (status != 200) {
      return failed("HTTP " + status, retryAfter(response));
    }
    byte[] body = response.body();
    if (body == null || body.length > policy.maxBodyBytes()) {
      return failed("document larger than " + policy.maxBodyBytes() + " bytes", Optional.empty());
    }
    Optional<String> mismatch = DeclaredFormat.mismatch(source.format(), body);
    if (mismatch.isPresent()) {
      return misconfigured(mismatch.get());
    }
    byte[] hash = Sha256.of(body);
    if (Arrays.equals(hash, lastHash)) {
      remember(response, hash);
      health.fetched(source.id(), CollectorHealth.Fetch.UNCHANGED);
      return succeeded(Outcome.UNCHANGED);
    }
    try {
      publisher.accept(
          new RawStatus(
              source.id(), source.format(), source.url().toString(), clock.instant(), body));
    } catch (RuntimeException e) {
      // The page was fine, Kafka was not: keep the old validators so the next fetch publishes
      // again.
      log.warn("{} changed but could not be published: {}", source.id(), e.getMessage());
      return new Poll(Outcome.FAILED, jittered(source.interval()));
    }
    remember(response, hash);
    health.fetched(source.id(), CollectorHealth.Fetch.PUBLISHED);
    log.debug("{} published {} bytes", source.id(), body.length);
    return succeeded(Outcome.PUBLISHED);
  }

  private HttpRequest request() {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(source.url())
            .timeout(policy.requestTimeout())
            .header("User-Agent", userAgent)
            .header("Accept", accept())
            .GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    return request.build();
  }

  private String accept() {
    return switch (source.format()) {
      case "rss", "atom" ->
          "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1";
      default -> "application/json, */*;q=0.1";
    };
  }

  private void remember(HttpResponse<?> response, byte[] hash) {
    etag = response.headers().firstValue("ETag").orElse(null);
    lastModified = response.headers().firstValue("Last-Modified").orElse(null);
    lastHash = hash;
  }

  private Poll succeeded(Outcome outcome) {
    consecutiveFailures = 0;
    return new Poll(outcome, jittered(source.interval()));
  }

  /** A page that answers, but not as its entry says: reported once, fetched again with backoff. */
  private Poll misconfigured(String reason) {
    consecutiveFailures++;
    health.misconfigured(source.id(), reason);
    return new Poll(
        Outcome.FAILED, jittered(policy.backoff(source.interval(), consecutiveFailures)));
  }

  private Poll failed(String reason, Optional<Duration> retryAfter) {
    consecutiveFailures++;
    health.failed(source.id(), reason);
    Duration delay = jittered(policy.backoff(source.interval(), consecutiveFailures));
    if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
      delay = retryAfter.get();
    }
    return new Poll(Outcome.FAILED, delay);
  }

  /**
   * {@code Retry-After} as seconds or an HTTP date, capped at {@link PollPolicy#maxRetryAfter()}.
   */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              Duration wait;
              try {
                wait = Duration.ofSeconds(Long.parseLong(value.trim()));
              } catch (NumberFormatException notSeconds) {
                try {
                  Instant at =
                      ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                          .toInstant();
                  wait = Duration.between(clock.instant(), at);
                } catch (DateTimeParseException notADate) {
                  return Optional.empty();
                }
              }
              if (wait.isNegative()) {
                return Optional.empty();
              }
              return Optional.of(
                  wait.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : wait);
            });
  }

  private Duration jittered(Duration delay) {
    if (policy.jitter() == 0) {
      return delay;
    }
    double factor = 1 + policy.jitter() * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.round(delay.toMillis() * factor));
  }

  /** The body as bytes, or null (and not read) when its declared length is over the limit. */
  private HttpResponse.BodySubscriber<byte[]> boundedBody(HttpResponse.ResponseInfo info) {
    long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return length > policy.maxBodyBytes()
        ? HttpResponse.BodySubscribers.replacing(null)
        : HttpResponse.BodySubscribers.ofByteArray();
  }
}
