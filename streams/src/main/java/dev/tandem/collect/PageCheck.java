package dev.tandem.collect;

import dev.tandem.contract.StatusUpdate;
import dev.tandem.normalize.Normalizer;
import dev.tandem.normalize.ParseResult;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One fetch of a provider's page, read as the pipeline would read it: what {@code tandem collect
 * --check} reports per provider. A page fails the check when it does not answer 200, when it
 * answers from another address than the one declared (it moved: the entry should name where it is
 * now, before the redirect goes away), or when its body is not the declared format (HTML where JSON
 * was declared, a feed where Statuspage JSON was declared); the format it does serve is detected
 * and named, so the fix is in the report.
 *
 * <p>One redirect is no move: from a Statuspage page's own address, {@code https://<page
 * id>.statuspage.io/…}, to the same path on the vendor's domain. A page id never changes while the
 * page exists, so that address outlives any domain the vendor moves its page to; the catalog
 * declares it where no source confirmed the vendor's domain.
 */
public final class PageCheck {

  private static final String STATUSPAGE_HOSTS = ".statuspage.io";

  /**
   * @param status the HTTP status, or -1 when the page did not answer
   * @param finalUrl where the answer came from after redirects, or null
   * @param detected the format the body is in ({@code html}, {@code unknown} when none is known)
   * @param incidents distinct incidents the body holds, read in the declared format
   * @param problem why the page fails the check, or null when it passes
   */
  public record Result(
      String provider,
      int status,
      URI finalUrl,
      String declared,
      String detected,
      int incidents,
      Duration took,
      String problem) {

    public boolean ok() {
      return problem == null;
    }
  }

  private final HttpClient http;

  /** Pages fetched at once by {@link #checkAll}: hundreds of pages, not one wait after another. */
  public static final int PARALLEL = 8;

  // One per thread of checkAll: the adapters are not promised to be shared safely.
  private final ThreadLocal<Normalizer> normalizers =
      ThreadLocal.withInitial(Normalizer::withDefaultAdapters);
  private final Duration timeout;
  private final Clock clock;

  public PageCheck(Duration timeout, Clock clock) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * Every page checked, {@link #PARALLEL} at a time; {@code report} is given each result in the
   * order of {@code sources} as soon as it and those before it are known.
   */
  public void checkAll(List<StatusPageSource> sources, Consumer<Result> report)
      throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(PARALLEL, sources.size())),
            r -> {
              Thread t = new Thread(r, "tandem-check");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (StatusPageSource source : sources) {
        results.add(pool.submit(() -> check(source)));
      }
      for (Future<Result> result : results) {
        try {
          report.accept(result.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("checking a page failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Whether {@code at} is where Statuspage sends its page-id address {@code declared}. */
  static boolean isPageIdAlias(URI declared, URI at) {
    String host = declared.getHost();
    return host != null
        && host.endsWith(STATUSPAGE_HOSTS)
        && "https".equals(at.getScheme())
        && java.util.Objects.equals(declared.getRawPath(), at.getRawPath());
  }

  public Result check(StatusPageSource source) {
    long started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(source.url())
                  .timeout(timeout)
                  .header("User-Agent", Collector.USER_AGENT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return new Result(
          source.id(),
          -1,
          null,
          source.format(),
          "-",
          0,
          since(started),
          "no answer: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(
          source.id(), -1, null, source.format(), "-", 0, since(started), "interrupted");
    }
    Duration took = since(started);
    URI at = response.uri();
    byte[] body = response.body() == null ? new byte[0] : response.body();
    RawStatus raw =
        new RawStatus(source.id(), source.format(), source.url().toString(), clock.instant(), body);
    ParseResult declared = normalizers.get().normalize(raw);
    String detected =
        declared instanceof ParseResult.Parsed ? source.format() : detect(source, body);
    int incidents =
        declared instanceof ParseResult.Parsed parsed
            ? (int) parsed.updates().stream().map(StatusUpdate::getIncidentId).distinct().count()
            : 0;
    String problem = null;
    if (response.statusCode() != 200) {
      problem =
          "HTTP "
              + response.statusCode()
              + (response.statusCode() == 403 ? " (refused: moved, or blocks Tandem)" : "");
    } else if (!at.equals(source.url()) && !isPageIdAlias(source.url(), at)) {
      problem = "moved: declare " + at + " instead";
    } else if (declared instanceof ParseResult.Failed failed) {
      problem =
          detected.equals("html")
              ? "HTML where " + source.format() + " was declared (a page for people, not a feed)"
              : detected.equals("unknown")
                  ? "not " + source.format() + ": " + failed.reason()
                  : "declared " + source.format() + ", the page serves " + detected;
    }
    return new Result(
        source.id(),
        response.statusCode(),
        at,
        source.format(),
        detected,
        incidents,
        took,
        problem);
  }

  /** The format the body is in, by the adapters' own detection; {@code html} for a web page. */
  private String detect(StatusPageSource source, byte[] body) {
    if (DeclaredFormat.isHtml(body)) {
      return "html";
    }
    ParseResult any =
        normalizers
            .get()
            .normalize(
                new RawStatus(source.id(), null, source.url().toString(), clock.instant(), body));
    if (any instanceof ParseResult.Parsed parsed && !parsed.updates().isEmpty()) {
      return parsed.updates().get(0).getFormat();
    }
    return "unknown";
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
