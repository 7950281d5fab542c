package dev.tandem.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs JSON to one target with the JDK's HTTP client and says what came of it, keeping the
 * target's URL out of every message.
 */
final class TargetClient {

  /** What of a target's answer is kept for the log: enough to see why, not a whole page. */
  private static final int MAX_DETAIL = 200;

  private final NotifyTarget target;
  private final Duration timeout;
  private final HttpClient http;

  TargetClient(NotifyTarget target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Attempt post(String json) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(target.url().reveal()))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Tandem")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String body = response.body() == null ? "" : response.body().strip();
      String detail =
          "HTTP "
              + response.statusCode()
              + (body.isEmpty() ? "" : ": " + NoticeText.cap(body, MAX_DETAIL));
      return Attempt.of(response.statusCode(), retryAfter(response), scrub(detail));
    } catch (IOException e) {
      return Attempt.unanswered(scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private String scrub(String text) {
    String scrubbed = target.url().scrub(text);
    return target.routingKey() == null ? scrubbed : target.routingKey().scrub(scrubbed);
  }

  /** {@code Retry-After} in seconds (the HTTP date form is not used by these targets). */
  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
