package dev.tandem.cli;

import java.util.List;

/** The values of the {@code tandem.format} header that Tandem documents (DESIGN §2). */
final class KnownFormats {

  static final List<String> ALL = List.of("statuspage", "incidentio", "rss", "atom", "gcp", "tandem");

  private KnownFormats() {}
}
