package dev.tandem.cli;

import dev.tandem.collect.Collector;
import dev.tandem.collect.CollectorApi;
import dev.tandem.collect.PageCheck;
import dev.tandem.collect.PollPolicy;
import dev.tandem.collect.ProviderHealth;
import dev.tandem.collect.ProviderSelection;
import dev.tandem.collect.ProvidersFile;
import dev.tandem.collect.RawStatusPublisher;
import dev.tandem.collect.StatusPageSource;
import dev.tandem.collect.StatusPoller;
import dev.tandem.collect.WebhookIntake;
import dev.tandem.collect.WebhookSignature;
import dev.tandem.io.TextFile;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.pipeline.TandemSettings;
import dev.tandem.raw.RawStatus;
import dev.tandem.serve.HttpAccess;
import dev.tandem.serve.HttpLayer;
import dev.tandem.serve.PipelineMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tandem collect}: polls the status pages of a providers file and, optionally, accepts
 * vendor webhooks, publishing both to {@code tandem.status.raw}.
 */
@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description = {
      "Polls providers' status pages and publishes each changed document to a topic (default tandem.status.raw).",
      "With --webhook-port it also accepts Statuspage and incident.io webhooks at POST /webhooks/{provider}."
    })
final class CollectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--providers",
      paramLabel = "FILE",
      description =
          "Providers file (YAML: providers: [{id, url, format, tags, interval}], and/or watch:"
              + " [id, ...] naming entries of the bundled catalog). Default: the bundled catalog.")
  Path providers;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Topic to publish to (default: tandem.topic.raw, itself tandem.status.raw).")
  String topic;

  @Option(
      names = "--webhook-port",
      paramLabel = "PORT",
      description = "Accept webhooks on this port (0 for any free port). Off by default.")
  Integer webhookPort;

  @Option(
      names = "--webhook-host",
      paramLabel = "HOST",
      description =
          "Address the webhook endpoint listens on (default: 0.0.0.0 when a token or signing"
              + " secret is set, else 127.0.0.1).")
  String webhookHost;

  // A file or the environment, never the secret itself: a flag's value shows in `ps` and shell
  // history.
  @Option(
      names = "--webhook-token-file",
      paramLabel = "FILE",
      description =
          "File holding the shared secret webhooks must send in the X-Tandem-Token header"
              + " (default: tandem.webhook.token, e.g. from TANDEM_WEBHOOK_TOKEN; neither: no token required).")
  Path webhookTokenFile;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Serve health checks (/health/live, /health/ready), each provider's fetch record"
              + " (/api/collector) and Prometheus metrics (/metrics) on this port (0: any free"
              + " port). Off by default; same access settings as run's API (tandem.http.*).")
  Integer httpPort;

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "How long one fetch may take (default: ${DEFAULT-VALUE}).")
  int requestTimeoutSeconds;

  @Option(
      names = "--check",
      description =
          "Fetch every selected provider once, without Kafka, and print a table: id, HTTP status,"
              + " final URL after redirects, format declared and detected, incidents read, time"
              + " taken. Exits 1 when any page fails (no answer, not 200, moved, wrong format).")
  boolean check;

  @Option(
      names = "--list",
      description =
          "Print the selected providers (id, format, tags, status page) without fetching anything"
              + " or connecting to Kafka: what --only, --tags and a watch: list may name.")
  boolean list;

  @Option(
      names = "--only",
      paramLabel = "ID[,ID...]",
      split = ",",
      description = "Collect (or check) only these providers of the file.")
  List<String> only;

  @Option(
      names = "--tags",
      paramLabel = "TAG[,TAG...]",
      split = ",",
      description =
          "Collect (or check) only the providers having any of these tags (cloud, cdn, dns, ai,"
              + " identity, payments, cicd, observability, messaging, email, devplatform,"
              + " collaboration, saas, security, database); with --only, those that pass both.")
  List<String> tags;

  @Option(
      names = "--once",
      description =
          "Fetch every provider once, publish what was fetched, print a summary and exit.")
  boolean once;

  @Override
  public Integer call() throws Exception {
    Path providersFile = providersFile();
    // --check and --list need no Kafka; everything else reads its settings first (and says what
    // is deprecated in them) before the providers file.
    TandemConfig config = check || list ? null : cluster.loadWithBrokers(Map.of());
    // A file that is missing, not text or wrong fails here, in one line naming it, before anything
    // connects.
    List<StatusPageSource> sources =
        selected(
            providersFile == null ? ProvidersFile.bundled() : ProvidersFile.load(providersFile));
    if (list) {
      return list(sources);
    }
    if (check) {
      return check(sources);
    }
    topic = topic != null ? topic : config.topics().raw();
    String webhookToken = webhookPort == null ? null : webhookToken(config);
    Map<String, WebhookSignature> signed =
        WebhookSignature.perProvider(config.secret(TandemSettings.WEBHOOK_SIGNING_SECRETS));
    // Open to the world only when something guards it: vendors must be able to reach it, and
    // nobody else may post.
    String host =
        webhookHost != null
            ? webhookHost
            : webhookToken != null || !signed.isEmpty() ? "0.0.0.0" : "127.0.0.1";
    HttpAccess access = HttpAccess.from(config);
    String httpHost = httpPort == null ? null : access.listenHost(config);
    ClusterOptions.checkBrokers(config);
    Properties client = ClusterOptions.clientProperties(config);
    PollPolicy policy =
        PollPolicy.DEFAULT.withRequestTimeout(Duration.ofSeconds(requestTimeoutSeconds));
    Clock clock = Clock.systemUTC();
    if (once) {
      return collectOnce(sources, client, policy, clock);
    }
    try (ShutdownSignal shutdown = new ShutdownSignal("tandem-collect-shutdown");
        RawStatusPublisher publisher = new RawStatusPublisher(client, topic);
        Collector collector = new Collector(sources, publishOne(publisher), policy, clock);
        WebhookIntake intake =
            webhookPort == null
                ? null
                : new WebhookIntake(
                    host, webhookPort, webhookToken, signed, publishOne(publisher), clock);
        HttpLayer http =
            httpPort == null
                ? null
                : new HttpLayer(httpHost, httpPort, "tandem-collect-http", access)) {
      PrintWriter err = spec.commandLine().getErr();
      if (http != null) {
        new CollectorApi(collector.health(), sources.size()).routeOn(http);
        new PipelineMetrics(publisher.clientMetrics()).routeOn(http).start();
        err.println(
            "tandem: collector health at http://"
                + httpHost
                + ":"
                + http.port()
                + "/health/ready (metrics: /metrics, providers: /api/collector)");
      }
      collector.start();
      err.println(
          "collecting "
              + sources.size()
              + " providers into "
              + topic
              + (intake == null
                  ? ""
                  : "; webhooks at http://"
                      + host
                      + ":"
                      + intake.port()
                      + WebhookIntake.PATH
                      + "{provider}")
              + " (Ctrl-C to stop)");
      err.flush();
      shutdown.await();
    }
    return 0;
  }

  /** The providers {@code --only} and {@code --tags} select, in the file's order. */
  private List<StatusPageSource> selected(List<StatusPageSource> all) {
    return new ProviderSelection(only, tags).of(all);
  }

  /** {@code --list}: a row per selected entry, from the file alone. */
  private int list(List<StatusPageSource> sources) {
    PrintWriter out = spec.commandLine().getOut();
    String row = "%-24s %-10s %-26s %s%n";
    out.printf(row, "provider", "format", "tags", "status page");
    for (StatusPageSource source : sources) {
      out.printf(
          row,
          source.id(),
          source.format(),
          String.join(",", source.tags()),
          source.url().getScheme() + "://" + source.url().getHost());
    }
    out.printf("%d providers%n", sources.size());
    out.flush();
    return 0;
  }

  /** {@code --check}: each page fetched once, a row each; 1 when any fails. */
  private int check(List<StatusPageSource> sources) throws InterruptedException {
    PageCheck pages = new PageCheck(Duration.ofSeconds(requestTimeoutSeconds), Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    String row = "%-20s %6s %-9s %-10s %9s %8s  %s%n";
    out.printf(
        row, "provider", "status", "declared", "detected", "incidents", "time", "url / problem");
    int[] failing = {0};
    pages.checkAll(
        sources,
        r -> {
          failing[0] += r.ok() ? 0 : 1;
          out.printf(
              row,
              r.provider(),
              r.status() < 0 ? "-" : Integer.toString(r.status()),
              r.declared(),
              r.detected(),
              r.incidents(),
              r.took().toMillis() + " ms",
              r.ok() ? r.finalUrl() : "FAIL " + r.problem());
          out.flush();
        });
    out.printf("%d of %d pages pass%n", sources.size() - failing[0], sources.size());
    out.flush();
    return failing[0] == 0 ? 0 : 1;
  }

  private int collectOnce(
      List<StatusPageSource> sources, Properties client, PollPolicy policy, Clock clock)
      throws Exception {
    try (RawStatusPublisher publisher = new RawStatusPublisher(client, topic);
        Collector collector = new Collector(sources, publishOne(publisher), policy, clock)) {
      List<StatusPoller.Poll> polls = collector.pollOnce();
      Map<StatusPoller.Outcome, Long> counts =
          polls.stream()
              .collect(Collectors.groupingBy(StatusPoller.Poll::outcome, Collectors.counting()));
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "fetched "
              + sources.size()
              + " providers: "
              + counts.getOrDefault(StatusPoller.Outcome.PUBLISHED, 0L)
              + " published to "
              + topic
              + ", "
              + counts.getOrDefault(StatusPoller.Outcome.FAILED, 0L)
              + " failed");
      for (ProviderHealth health : collector.health().all()) {
        if (health.lastError() != null) {
          err.println("  " + health.provider() + ": " + health.lastError());
        }
      }
      err.flush();
      // Failing pages are reported, not fatal; only a run that fetched nothing at all is an error.
      return counts.getOrDefault(StatusPoller.Outcome.FAILED, 0L) == sources.size() ? 1 : 0;
    }
  }

  /**
   * {@code --providers}; or, for one release, a YAML file given as {@code --config}, which named
   * the providers file before {@code --config} meant a properties file for every command.
   */
  private Path providersFile() {
    Path old = cluster.settings.file;
    String name = old == null ? "" : old.getFileName().toString().toLowerCase(Locale.ROOT);
    if (providers != null || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
      return providers;
    }
    spec.commandLine()
        .getErr()
        .println(
            "tandem: collect --config for the providers file is deprecated and goes in the next"
                + " release; use --providers "
                + old
                + " (--config names a properties file, as for every command)");
    cluster.settings.file = null;
    return old;
  }

  /**
   * The file's content without surrounding whitespace (a trailing newline is no part of a secret),
   * else the setting.
   */
  private String webhookToken(TandemConfig config) {
    return webhookTokenFile != null
        ? TextFile.read(webhookTokenFile).strip()
        : config.webhookToken();
  }

  private static Consumer<RawStatus> publishOne(RawStatusPublisher publisher) {
    return record -> publisher.publishAll(List.of(record));
  }
}
