package dev.tandem.cli;

import dev.tandem.collect.RawStatusPublisher;
import dev.tandem.collect.RawStatusReader;
import dev.tandem.collect.StatusPageSource;
import dev.tandem.io.TextFile;
import dev.tandem.pipeline.TandemConfig;
import dev.tandem.raw.RawStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tandem publish}: puts status documents from a file or stdin onto a topic with the headers
 * the normalizer reads ({@code tandem.format}, {@code tandem.source}, {@code tandem.received-at}).
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes JSON lines, a whole document, or scenario envelopes to a topic (default tandem.status.raw).",
      "Each JSON line is one record keyed by its provider field (see --key); --whole sends the input as one record."
    })
final class PublishCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Topic to publish to (default: tandem.topic.raw, itself tandem.status.raw).")
  String topic;

  @Option(
      names = "--format",
      paramLabel = "F",
      description =
          "Value of the tandem.format header: statuspage, incidentio, rss, atom, gcp or tandem."
              + " Without it the normalizer detects the format from the payload.")
  String format;

  @Option(
      names = "--key",
      paramLabel = "POINTER",
      defaultValue = "/provider",
      description =
          "JSON pointer to the record key inside each JSON record (default: ${DEFAULT-VALUE}).")
  String keyPointer;

  @Option(
      names = "--provider",
      paramLabel = "ID",
      description =
          "Use this provider id as the key of every record instead of reading it from the JSON.")
  String provider;

  @Option(
      names = "--source",
      paramLabel = "URL",
      description = "Value of the tandem.source header.")
  String source;

  @Option(
      names = "--whole",
      description = "Publish the whole input as one record (e.g. a fetched incidents.json).")
  boolean whole;

  @Option(
      names = "--envelopes",
      description =
          "Each line is a scenario envelope {provider, format, receivedAt, payload}: the record timestamp"
              + " and headers come from it (the format of scenarios/*.jsonl).")
  boolean envelopes;

  @Parameters(
      index = "0",
      paramLabel = "FILE|-",
      description = "File to publish, or - for standard input.")
  String input;

  @Override
  public Integer call() throws IOException {
    TandemConfig config = cluster.loadWithBrokers(Map.of());
    String topic = this.topic != null ? this.topic : config.topics().raw();
    if (whole && envelopes) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--whole and --envelopes exclude each other");
    }
    if (format != null && !StatusPageSource.FORMATS.contains(format)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "Invalid value for option '--format': '"
              + format
              + "' (expected one of "
              + String.join(", ", StatusPageSource.FORMATS)
              + ")");
    }
    RawStatusReader.Mode mode =
        whole
            ? RawStatusReader.Mode.WHOLE
            : envelopes ? RawStatusReader.Mode.ENVELOPES : RawStatusReader.Mode.LINES;
    RawStatusReader reader;
    try {
      reader = new RawStatusReader(mode, provider, keyPointer, format, source, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<RawStatus> records = reader.read(readInput(), "-".equals(input) ? "stdin" : input);
    ClusterOptions.checkBrokers(config);
    try (RawStatusPublisher publisher =
        new RawStatusPublisher(ClusterOptions.clientProperties(config), topic)) {
      int count = publisher.publishAll(records);
      spec.commandLine()
          .getErr()
          .println("published " + count + (count == 1 ? " record" : " records") + " to " + topic);
    }
    return 0;
  }

  private String readInput() throws IOException {
    if ("-".equals(input)) {
      InputStream in = System.in;
      return TextFile.decode(in.readAllBytes(), "stdin");
    }
    return TextFile.read(Path.of(input));
  }
}
