package dev.tandem.normalize;

import dev.tandem.contract.AffectedComponent;
import dev.tandem.contract.ComponentStatus;
import dev.tandem.contract.Impact;
import dev.tandem.contract.IncidentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How status and impact are read from the entries of one known kind of status feed. Feeds carry
 * prose, not fields, so each style is a small set of rules for where a vendor puts its status
 * words, tried in order; an entry no rule reads is "an update of unknown status": status UNKNOWN,
 * impact NONE. No rule reads severity out of prose: "major outage" in a sentence is not an impact.
 *
 * <p>Feeds do not state impact except AWS and incident.io. Where a vendor declares an incident but
 * states no impact (Statuspage's phases, StatusCast's posts), it reads as MINOR: the vendor
 * declared an incident, and MINOR is the mildest impact that still counts for correlation, never
 * more.
 */
enum FeedStyle {

  /**
   * StatusCast's RSS ({@code /rss/}: Fastly's www.fastlystatus.com, Campaign Monitor, Airship,
   * 8x8…). Every item is one post of an incident, newest first, and a post carries no status label:
   * only its incident's title and its own text. Known by structure, not by vendor: the guid {@code
   * /378892/817466} is post 817466 of incident 378892, a shape no other style's feeds use. So this
   * style is tried first (a post's free HTML may hold a bold run or a "Status:" line that another
   * style would misread), and the incident is the guid's first number whatever the link says, so
   * every post of one incident folds into one. The rules, in order, match whole words ignoring case
   * ("unresolved" is not "resolved", "Noticeable" is not "Notice"):
   *
   * <ol>
   *   <li>A title opening "Retrospective" is the review of an incident that is over: RESOLVED,
   *       NONE.
   *   <li>A title opening "Announcing", "Announcement" or "Notice" is news, not an incident:
   *       UNKNOWN, NONE.
   *   <li>A title or text naming "maintenance" or "capacity expansion" is planned work: impact
   *       MAINTENANCE (never an outage), RESOLVED when the text is finished (rule 4's forms), else
   *       of unknown phase.
   *   <li>Text in a finished form ("resolved", "has been restored", "fully restored", "completed",
   *       "is complete"): RESOLVED, NONE. A post is finished only when its text says so.
   *   <li>Otherwise an open incident, MINOR: the vendor declared it, and no rule reads more out of
   *       prose. Its phase is the furthest the text names: MONITORING for "monitoring", IDENTIFIED
   *       for "identified" or a fix "deployed" or "implemented", else INVESTIGATING.
   * </ol>
   *
   * Each post starts at its own time, as every feed entry does; the incident's lifecycle keeps the
   * earliest start of its updates, so the incident starts with its oldest post.
   */
  STATUSCAST {
    @Override
    Optional<FeedReading> read(FeedEntry entry, StatusFeed feed) {
      String incident = statusCastIncident(entry.id());
      if (incident == null) {
        return Optional.empty();
      }
      String title = entry.title() == null ? "" : entry.title().strip();
      String body = plainBody(entry);
      String lowerTitle = title.toLowerCase(Locale.ROOT);
      String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
      IncidentStatus status;
      Impact impact;
      if (opensWith(lowerTitle, "retrospective")) {
        status = IncidentStatus.RESOLVED;
        impact = Impact.NONE;
      } else if (opensWith(lowerTitle, "announcing")
          || opensWith(lowerTitle, "announcement")
          || opensWith(lowerTitle, "notice")) {
        status = IncidentStatus.UNKNOWN;
        impact = Impact.NONE;
      } else if (namesPlannedWork(lowerTitle) || namesPlannedWork(text)) {
        status = isFinished(text) ? IncidentStatus.RESOLVED : IncidentStatus.UNKNOWN;
        impact = Impact.MAINTENANCE;
      } else if (isFinished(text)) {
        status = IncidentStatus.RESOLVED;
        impact = Impact.NONE;
      } else {
        status = openPhase(text);
        impact = Impact.MINOR;
      }
      return Optional.of(new FeedReading(status, impact, body, List.of(), null, incident));
    }
  },

  /**
   * Atlassian Statuspage's history.rss and history.atom (GitHub, Cloudflare, Atlassian, Discord…):
   * the entry's HTML lists every update newest first, each a bold label ("Resolved", "Update") and
   * its text; the phase is the newest label naming one ("Update" keeps the phase). Maintenance
   * labels ("Scheduled", "In progress", "Completed") read as MAINTENANCE. The incident started with
   * its oldest update, when its time is written in UTC.
   */
  STATUSPAGE {
    @Override
    Optional<FeedReading> read(FeedEntry entry, StatusFeed feed) {
      StatuspageTimeline timeline = StatuspageTimeline.read(entry.html());
      if (timeline.isEmpty()) {
        return Optional.empty();
      }
      IncidentStatus status = timeline.phase().orElse(IncidentStatus.UNKNOWN);
      // Small print later than the entry itself is a page whose clock or zone is off: not a start
      // to believe.
      Instant started =
          timeline
              .oldestTime(entry.updated())
              .filter(start -> !start.isAfter(entry.updated()))
              .orElse(null);
      return Optional.of(
          new FeedReading(
              status,
              declaredIncident(status),
              timeline.latestText().orElse(null),
              List.of(),
              started,
              null));
    }
  },

  /**
   * incident.io's feed.rss and history.atom (OpenAI since 2025): "Status: Investigating" in bold,
   * the update's text, then "Affected components" as a list of "Name (Degraded performance)". The
   * impact is the worst component status listed (at least MINOR for an incident, since the vendor
   * declared one); maintenance phases read as MAINTENANCE.
   */
  INCIDENT_IO {
    @Override
    Optional<FeedReading> read(FeedEntry entry, StatusFeed feed) {
      List<String> lines = HtmlText.plain(entry.html()).lines().toList();
      if (lines.isEmpty() || !startsWithIgnoreCase(lines.get(0), STATUS_PREFIX)) {
        return Optional.empty();
      }
      String word = lines.get(0).substring(STATUS_PREFIX.length()).strip();
      IncidentStatus status = IncidentIoVocabulary.incidentStatus(word);
      List<String> text = new ArrayList<>();
      List<AffectedComponent> components = new ArrayList<>();
      boolean inComponents = false;
      for (String line : lines.subList(1, lines.size())) {
        if (startsWithIgnoreCase(line, "Affected components")) {
          inComponents = true;
        } else if (inComponents) {
          component(line).ifPresent(components::add);
        } else {
          text.add(line);
        }
      }
      Impact impact = declaredIncident(status);
      if (impact == Impact.MINOR) {
        for (AffectedComponent component : components) {
          impact =
              IncidentIoVocabulary.worse(
                  impact, StatuspageVocabulary.impactOf(component.getStatus()));
        }
      }
      String body = text.isEmpty() ? null : String.join("\n", text);
      return Optional.of(new FeedReading(status, impact, body, components, null, null));
    }
  },

  /**
   * AWS Health's RSS (status.aws.amazon.com/rss/*.rss): the title begins with AWS's own severity
   * label. "Service is operating normally", "Resolved:" or "[RESOLVED]" is RESOLVED; "Informational
   * message" and "Performance issues" are an open event of impact MINOR, "Service disruption" and
   * "Service impact" of impact MAJOR (AWS states no phase, so open is INVESTIGATING). AWS links
   * every item to its dashboard's front page and its guids change with every post, so the incident
   * is named by the service and region in the guid ({@code #ec2-us-east-1_1640224660}) and the
   * title's subject, which stays the same through an event's updates.
   */
  AWS {
    @Override
    Optional<FeedReading> read(FeedEntry entry, StatusFeed feed) {
      if (!feed.mentions("status.aws.amazon.com")
          && !feed.mentions("health.aws.amazon.com")
          && !feed.generatorMentions("AWS Service Health")) {
        return Optional.empty();
      }
      String title = entry.title() == null ? "" : entry.title();
      String lower = title.toLowerCase(Locale.ROOT);
      boolean resolved =
          lower.startsWith("service is operating normally")
              || lower.startsWith("resolved:")
              || lower.contains("[resolved]");
      Impact impact;
      if (resolved) {
        impact = Impact.NONE;
      } else if (lower.startsWith("informational message")
          || lower.startsWith("performance issues")) {
        impact = Impact.MINOR;
      } else if (lower.startsWith("service disruption") || lower.startsWith("service impact")) {
        impact = Impact.MAJOR;
      } else {
        return Optional.empty();
      }
      String service = awsService(entry);
      String subject = awsSubject(title);
      List<AffectedComponent> components =
          service == null
              ? List.of()
              : List.of(
                  AffectedComponent.newBuilder()
                      .setId(service)
                      .setName(service)
                      .setStatus(resolved ? ComponentStatus.OPERATIONAL : ComponentStatus.UNKNOWN)
                      .build());
      return Optional.of(
          new FeedReading(
              resolved ? IncidentStatus.RESOLVED : IncidentStatus.INVESTIGATING,
              impact,
              plainBody(entry),
              components,
              null,
              (service == null ? "aws" : service) + "/" + subject));
    }
  },

  /**
   * Azure's status RSS (azure.status.microsoft/…/status/feed/): free text, with two fixed forms
   * that mean the incident is over: a title ending "- Mitigated" or "- Resolved", and the
   * post-incident summary Azure publishes after mitigation, which opens "Summary of impact:".
   * Nothing else is read.
   */
  AZURE {
    @Override
    Optional<FeedReading> read(FeedEntry entry, StatusFeed feed) {
      if (!feed.mentions("azure")) {
        return Optional.empty();
      }
      String title = entry.title() == null ? "" : entry.title().strip().toLowerCase(Locale.ROOT);
      String body = plainBody(entry);
      boolean over =
          title.endsWith("- mitigated")
              || title.endsWith("- resolved")
              || body != null && startsWithIgnoreCase(body, "Summary of impact:");
      return over
          ? Optional.of(FeedReading.of(IncidentStatus.RESOLVED, Impact.NONE, body))
          : Optional.empty();
    }
  },

  /**
   * Any other feed (Slack's "Incident:", "Outage:", "Notice:" titles among them): a title opening
   * "Resolved:" or "[RESOLVED]" is RESOLVED, one opening "Maintenance:" is planned work of unknown
   * phase (MAINTENANCE never counts as an outage); everything else is an update of unknown status.
   */
  GENERIC {
    @Override
    Optional<FeedReading> read(FeedEntry entry, StatusFeed feed) {
      String title = entry.title() == null ? "" : entry.title().strip();
      String body = plainBody(entry);
      if (startsWithIgnoreCase(title, "resolved:") || startsWithIgnoreCase(title, "[resolved]")) {
        return Optional.of(FeedReading.of(IncidentStatus.RESOLVED, Impact.NONE, body));
      }
      if (startsWithIgnoreCase(title, "maintenance:")) {
        return Optional.of(FeedReading.of(IncidentStatus.UNKNOWN, Impact.MAINTENANCE, body));
      }
      return Optional.of(FeedReading.of(IncidentStatus.UNKNOWN, Impact.NONE, body));
    }
  };

  private static final String STATUS_PREFIX = "Status:";

  /** Two numbers of up to 19 digits and their slashes: any longer guid is not StatusCast's. */
  private static final int LONGEST_STATUSCAST_GUID = 40;

  private static final List<String> FINISHED =
      List.of("resolved", "has been restored", "fully restored", "completed", "is complete");

  private static final int MOST_STACKED_LABELS = 3;
  private static final int LONGEST_AWS_LABEL = 40;

  /** What the entry says, read by the first style whose rules apply; GENERIC always applies. */
  static FeedReading reading(FeedEntry entry, StatusFeed feed) {
    for (FeedStyle style : values()) {
      Optional<FeedReading> reading = style.read(entry, feed);
      if (reading.isPresent()) {
        return reading.get();
      }
    }
    throw new IllegalStateException("GENERIC reads every entry");
  }

  /** This style's reading of the entry, or empty when its rules do not apply to it. */
  abstract Optional<FeedReading> read(FeedEntry entry, StatusFeed feed);

  /** The impact of a vendor-declared phase when the feed states none: see the class comment. */
  private static Impact declaredIncident(IncidentStatus status) {
    if (status == IncidentStatus.UNKNOWN) {
      return Impact.NONE;
    }
    return StatuspageVocabulary.isMaintenancePhase(status) ? Impact.MAINTENANCE : Impact.MINOR;
  }

  /** "Search (Degraded performance)" as a component; lines in another shape are not components. */
  private static Optional<AffectedComponent> component(String line) {
    int open = line.lastIndexOf('(');
    if (open <= 0 || !line.endsWith(")")) {
      return Optional.empty();
    }
    String name = line.substring(0, open).strip();
    ComponentStatus status =
        IncidentIoVocabulary.componentStatus(line.substring(open + 1, line.length() - 1));
    return name.isEmpty()
        ? Optional.empty()
        : Optional.of(
            AffectedComponent.newBuilder().setId(null).setName(name).setStatus(status).build());
  }

  /**
   * "sns-us-east-1" from AWS's guid {@code http://status.aws.amazon.com/#sns-us-east-1_1642200240}.
   */
  private static String awsService(FeedEntry entry) {
    String guid = entry.id();
    int hash = guid == null ? -1 : guid.lastIndexOf('#');
    if (hash < 0) {
      return null;
    }
    String fragment = guid.substring(hash + 1);
    int underscore = fragment.lastIndexOf('_');
    String service = underscore > 0 ? fragment.substring(0, underscore) : fragment;
    return service.isBlank() ? null : service;
  }

  /**
   * "Increased Error Rates" from "Service is operating normally: [RESOLVED] Increased Error Rates".
   */
  private static String awsSubject(String title) {
    String subject = title;
    // AWS stacks labels ("Resolved: Informational message: …"): drop the leading "Label:"s, of
    // which
    // there are at most two; a bound keeps a hostile title of endless "a:a:a:" cheap.
    for (int labels = 0; labels < MOST_STACKED_LABELS; labels++) {
      int colon = subject.indexOf(':');
      if (colon <= 0 || colon > LONGEST_AWS_LABEL || !isLabelWords(subject.substring(0, colon))) {
        break;
      }
      subject = subject.substring(colon + 1).strip();
    }
    int marker = subject.toLowerCase(Locale.ROOT).indexOf("[resolved]");
    if (marker >= 0) {
      subject =
          (subject.substring(0, marker) + subject.substring(marker + "[resolved]".length()))
              .strip();
    }
    return subject.isEmpty() ? title.strip() : subject;
  }

  private static boolean isLabelWords(String text) {
    return text.chars().allMatch(c -> Character.isLetter(c) || c == ' ');
  }

  /** "378892" from StatusCast's guid {@code /378892/817466}; null for a guid of any other shape. */
  private static String statusCastIncident(String guid) {
    if (guid == null) {
      return null;
    }
    String id = guid.strip();
    if (id.length() > LONGEST_STATUSCAST_GUID || id.isEmpty() || id.charAt(0) != '/') {
      return null;
    }
    int second = id.indexOf('/', 1);
    if (second < 0 || !isDigits(id, 1, second) || !isDigits(id, second + 1, id.length())) {
      return null;
    }
    return id.substring(1, second);
  }

  private static boolean isDigits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A StatusCast post's text (lower case) that says its incident or maintenance is over. */
  private static boolean isFinished(String text) {
    return FINISHED.stream().anyMatch(phrase -> namesPhrase(text, phrase));
  }

  private static boolean namesPlannedWork(String lower) {
    return namesPhrase(lower, "maintenance") || namesPhrase(lower, "capacity expansion");
  }

  /** The phase of an open StatusCast incident: the furthest its post's text (lower case) names. */
  private static IncidentStatus openPhase(String text) {
    if (namesPhrase(text, "monitoring")) {
      return IncidentStatus.MONITORING;
    }
    if (namesPhrase(text, "identified")
        || namesPhrase(text, "fix")
            && (namesPhrase(text, "deployed") || namesPhrase(text, "implemented"))) {
      return IncidentStatus.IDENTIFIED;
    }
    return IncidentStatus.INVESTIGATING;
  }

  /** Whether the lower-case title's first word is {@code word}. */
  private static boolean opensWith(String lower, String word) {
    return lower.startsWith(word)
        && (lower.length() == word.length()
            || !Character.isLetterOrDigit(lower.charAt(word.length())));
  }

  /**
   * Whether lower-case {@code text} holds {@code phrase} as whole words, with no letter or digit
   * either side. Each search starts past the last one, so a long text costs about its length.
   */
  private static boolean namesPhrase(String text, String phrase) {
    for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      int end = at + phrase.length();
      if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static String plainBody(FeedEntry entry) {
    String body = HtmlText.plain(entry.html());
    return body.isEmpty() ? null : body;
  }

  private static boolean startsWithIgnoreCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
