package dev.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded status documents in the vendors' own shapes, as a collector fetches them: Atlassian
 * Statuspage's {@code incidents.json}, Google Cloud's {@code incidents.json} and Statuspage's
 * {@code history.rss}. The field sets follow the normalize test fixtures ({@code
 * github-incidents-2024-09-16.json}, {@code documented-shape-incidents.json}, {@code
 * github-history-2022-03-16.rss}); ids, times, components and texts are drawn from the seed, so the
 * same seed gives the same bytes. Incidents are listed newest first, as the vendors list them; the
 * newest may still be open.
 */
final class VendorDocuments {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NEWEST = Instant.parse("2026-11-30T18:00:00Z");

  private static final String[] COMPONENTS = {
    "API Requests", "Webhooks", "Git Operations", "Issues", "Pull Requests", "Actions",
    "Packages", "Pages", "Codespaces", "Copilot", "Dashboard", "Notifications"
  };
  private static final String[] SUBJECTS = {
    "Disruption with some services",
    "Elevated error rates",
    "Degraded performance for API requests",
    "Increased latency in us-east",
    "Delays in webhook delivery",
    "Incident with Actions and Pages",
    "Login failures for some users",
    "Partial outage of the dashboard"
  };
  private static final String[] INVESTIGATING = {
    "We are investigating reports of degraded performance.",
    "We are currently investigating this issue.",
    "Some customers may be experiencing elevated error rates. We are investigating.",
    "We are investigating failed connections. Retrying the connection may be successful."
  };
  private static final String[] IDENTIFIED = {
    "The issue has been identified and a fix is being implemented.",
    "We have identified a misconfigured deployment and are rolling it back.",
    "We have taken suspected hosts out of rotation and are monitoring for recovery.<br /><br />"
        + "We are continuing to investigate the cause."
  };
  private static final String[] MONITORING = {
    "A fix has been implemented and we are monitoring the results.",
    "Error rates are back to normal levels. We are continuing to monitor to ensure the problem is"
        + " resolved."
  };
  private static final String RESOLVED = "This incident has been resolved.";
  private static final String[] STATUSPAGE_IMPACTS = {
    "none", "minor", "minor", "major", "critical"
  };
  private static final String[] GCP_IMPACTS = {
    "SERVICE_OUTAGE", "SERVICE_DISRUPTION", "SERVICE_DISRUPTION"
  };
  private static final String[] GCP_SEVERITIES = {"high", "medium", "medium", "low"};
  private static final String[] GCP_PRODUCTS = {
    "Google Compute Engine", "Google Cloud Storage", "Google BigQuery", "Cloud Run",
    "Google Kubernetes Engine", "Cloud SQL", "Identity and Access Management", "Cloud Pub/Sub",
    "Vertex AI Online Prediction", "Google Cloud Console"
  };
  private static final String[][] GCP_LOCATIONS = {
    {"Global", "global"},
    {"Iowa (us-central1)", "us-central1"},
    {"South Carolina (us-east1)", "us-east1"},
    {"Netherlands (europe-west4)", "europe-west4"},
    {"Belgium (europe-west1)", "europe-west1"},
    {"Tokyo (asia-northeast1)", "asia-northeast1"}
  };
  private static final String[] GCP_TEXTS = {
    "We are investigating an issue affecting multiple products in multiple regions.",
    "Our engineering team has identified a likely cause and is working on a mitigation.",
    "Mitigation is in place in all regions except us-central1, where recovery is ongoing.",
    "We are experiencing an issue with this product. Customers may see elevated 5xx errors and"
        + " increased latency. Our engineering team continues to investigate the issue. We will"
        + " provide an update by 18:00 US/Pacific with current details.",
    "The mitigation has been rolled out and error rates are decreasing."
  };
  private static final String GCP_RESOLVED =
      "The issue has been resolved for all affected products. We will publish an analysis of this"
          + " incident once our internal investigation is complete.";
  private static final DateTimeFormatter STATUSPAGE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GCP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** As Statuspage writes pubDate: {@code Wed, 16 Mar 2022 19:46:00 +0000}. */
  private static final DateTimeFormatter RSS_TIME =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMM", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private VendorDocuments() {}

  /** One phase of an incident as the vendor published it. */
  private record Phase(String status, Instant at, String text) {}

  /** A Statuspage incident's history, oldest first: 2 to 7 updates a few minutes apart. */
  private static List<Phase> statuspagePhases(
      SplittableRandom random, Instant start, boolean open) {
    int count = 2 + random.nextInt(6);
    List<Phase> phases = new ArrayList<>(count);
    // The first update is posted a fraction of a second after the incident is opened.
    Instant at = start.plusMillis(1 + random.nextInt(200));
    for (int u = 0; u < count; u++) {
      String status;
      String text;
      if (u == count - 1 && !open) {
        status = "resolved";
        text = RESOLVED;
      } else if (u == 0 || u < count / 3) {
        status = "investigating";
        text = pick(random, INVESTIGATING);
      } else if (u < 2 * count / 3) {
        status = "identified";
        text = pick(random, IDENTIFIED);
      } else {
        status = "monitoring";
        text = pick(random, MONITORING);
      }
      phases.add(new Phase(status, at, text));
      at = at.plusMillis(120_000 + random.nextInt(2_400_000));
    }
    return phases;
  }

  /**
   * Statuspage v2 {@code incidents.json} of a page with twelve components: {@code incidents}
   * incidents, the newest open.
   */
  static byte[] statuspageIncidents(long seed, int incidents) {
    SplittableRandom random = new SplittableRandom(seed);
    String pageId = id(random, 12);
    String[] componentIds = new String[COMPONENTS.length];
    for (int c = 0; c < componentIds.length; c++) {
      componentIds[c] = id(random, 12);
    }
    ObjectNode document = JSON.createObjectNode();
    ObjectNode page = document.putObject("page");
    page.put("id", pageId);
    page.put("name", "Example");
    page.put("url", "https://www.examplestatus.com");
    page.put("time_zone", "Etc/UTC");
    page.put("updated_at", NEWEST.plusMillis(random.nextInt(1000)).toString());
    ArrayNode list = document.putArray("incidents");
    Instant start = NEWEST;
    for (int i = 0; i < incidents; i++) {
      start = start.minusMillis(3_600_000L + random.nextLong(3 * 86_400_000L));
      boolean open = i == 0;
      String incidentId = id(random, 12);
      List<Phase> phases = statuspagePhases(random, start, open);
      Phase last = phases.get(phases.size() - 1);
      // One incident in five names no components at all: affected_components null throughout.
      boolean named = random.nextInt(5) != 0;
      int[] affected =
          named ? distinct(random, 1 + random.nextInt(3), COMPONENTS.length) : new int[0];
      String severe = random.nextBoolean() ? "major_outage" : "partial_outage";

      ObjectNode incident = list.addObject();
      incident.put("id", incidentId);
      incident.put("name", pick(random, SUBJECTS));
      incident.put("status", last.status());
      incident.put("created_at", millis(start));
      incident.put("updated_at", millis(last.at()));
      Phase monitoring =
          phases.stream().filter(p -> p.status().equals("monitoring")).findFirst().orElse(null);
      if (monitoring == null) {
        incident.putNull("monitoring_at");
      } else {
        incident.put("monitoring_at", millis(monitoring.at()));
      }
      if (open) {
        incident.putNull("resolved_at");
      } else {
        incident.put("resolved_at", millis(last.at()));
      }
      incident.put("impact", pick(random, STATUSPAGE_IMPACTS));
      incident.put("shortlink", "https://stspg.io/" + id(random, 12));
      incident.put("started_at", millis(start));
      incident.put("page_id", pageId);
      ArrayNode updates = incident.putArray("incident_updates");
      for (int u = phases.size() - 1; u >= 0; u--) {
        Phase phase = phases.get(u);
        String at = millis(phase.at());
        ObjectNode update = updates.addObject();
        update.put("id", id(random, 12));
        update.put("status", phase.status());
        update.put("body", phase.text());
        update.put("incident_id", incidentId);
        update.put("created_at", at);
        update.put("updated_at", at);
        update.put("display_at", at);
        if (named) {
          ArrayNode components = update.putArray("affected_components");
          String before = u == 0 ? "operational" : severe;
          String after = phase.status().equals("resolved") ? "operational" : severe;
          for (int c : affected) {
            ObjectNode component = components.addObject();
            component.put("code", componentIds[c]);
            component.put("name", COMPONENTS[c]);
            component.put("old_status", before);
            component.put("new_status", after);
          }
        } else {
          update.putNull("affected_components");
        }
        update.put("deliver_notifications", true);
        update.putNull("custom_tweet");
        update.putNull("tweet_id");
      }
      ArrayNode components = incident.putArray("components");
      for (int c : affected) {
        ObjectNode component = components.addObject();
        component.put("id", componentIds[c]);
        component.put("name", COMPONENTS[c]);
        component.put("status", open ? severe : "operational");
        component.put("created_at", "2019-11-13T18:02:19.432Z");
        component.put("updated_at", millis(last.at()));
        component.put("position", c + 1);
        component.put("description", COMPONENTS[c] + " for Example customers");
        component.put("showcase", false);
        component.putNull("start_date");
        component.putNull("group_id");
        component.put("page_id", pageId);
        component.put("group", false);
        component.put("only_show_if_degraded", false);
      }
      incident.putNull("reminder_intervals");
    }
    return bytes(document);
  }

  /**
   * Google Cloud's {@code status.cloud.google.com/incidents.json}: an array of {@code incidents}
   * incidents of one to three products each, with {@code updates[]} and {@code most_recent_update};
   * the newest is open.
   */
  static byte[] gcpIncidents(long seed, int incidents) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] productIds = new String[GCP_PRODUCTS.length];
    for (int p = 0; p < productIds.length; p++) {
      productIds[p] = mixedId(random, 20);
    }
    ArrayNode document = JSON.createArrayNode();
    Instant begin = NEWEST;
    for (int i = 0; i < incidents; i++) {
      begin =
          begin.minusSeconds(3_600L + random.nextLong(4 * 86_400L)).truncatedTo(ChronoUnit.MINUTES);
      boolean open = i == 0;
      String id = mixedId(random, 20);
      String impact = pick(random, GCP_IMPACTS);
      int[] products = distinct(random, 1 + random.nextInt(3), GCP_PRODUCTS.length);
      int[] locations = distinct(random, 1 + random.nextInt(2), GCP_LOCATIONS.length);
      int count = 2 + random.nextInt(7);
      Instant created = begin.plusSeconds(60L * (10 + random.nextInt(50)));
      List<Phase> phases = new ArrayList<>(count);
      Instant at = created;
      for (int u = 0; u < count; u++) {
        boolean resolves = u == count - 1 && !open;
        phases.add(
            new Phase(
                resolves ? "AVAILABLE" : impact,
                at,
                resolves ? GCP_RESOLVED : pick(random, GCP_TEXTS)));
        at = at.plusSeconds(60L * (15 + random.nextInt(90)));
      }
      Phase last = phases.get(count - 1);

      ObjectNode incident = document.addObject();
      incident.put("id", id);
      incident.put("number", Long.toUnsignedString(random.nextLong()));
      incident.put("begin", GCP_TIME.format(begin));
      incident.put("created", GCP_TIME.format(created));
      if (!open) {
        incident.put("end", GCP_TIME.format(last.at()));
      }
      incident.put("modified", GCP_TIME.format(last.at()));
      incident.put(
          "external_desc",
          products.length > 1
              ? "Multiple GCP products are experiencing Service issues."
              : GCP_PRODUCTS[products[0]] + " customers may see elevated errors");
      ArrayNode updates = incident.putArray("updates");
      for (int u = count - 1; u >= 0; u--) {
        gcpUpdate(updates.addObject(), phases.get(u), locations);
      }
      gcpUpdate(incident.putObject("most_recent_update"), last, locations);
      incident.put("status_impact", impact);
      incident.put("severity", pick(random, GCP_SEVERITIES));
      incident.put("service_key", products.length > 1 ? "zall" : productIds[products[0]]);
      incident.put(
          "service_name", products.length > 1 ? "Multiple Products" : GCP_PRODUCTS[products[0]]);
      ArrayNode affected = incident.putArray("affected_products");
      for (int p : products) {
        affected.addObject().put("title", GCP_PRODUCTS[p]).put("id", productIds[p]);
      }
      incident.put("uri", "incidents/" + id);
      locations(incident.putArray("currently_affected_locations"), open ? locations : new int[0]);
      locations(incident.putArray("previously_affected_locations"), open ? new int[0] : locations);
    }
    return bytes(document);
  }

  private static void gcpUpdate(ObjectNode update, Phase phase, int[] locations) {
    String at = GCP_TIME.format(phase.at());
    update.put("created", at);
    update.put("modified", at);
    update.put("when", at);
    update.put("text", phase.text());
    update.put("status", phase.status());
    locations(
        update.putArray("affected_locations"),
        phase.status().equals("AVAILABLE") ? new int[0] : locations);
  }

  private static void locations(ArrayNode array, int[] locations) {
    for (int l : locations) {
      array.addObject().put("title", GCP_LOCATIONS[l][0]).put("id", GCP_LOCATIONS[l][1]);
    }
  }

  /**
   * Statuspage's {@code history.rss}: {@code items} items, each an incident whose description
   * repeats its whole history as escaped HTML, newest update first.
   */
  static byte[] statuspageHistoryRss(long seed, int items) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder xml = new StringBuilder(items * 2_000);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
        .append("  <channel>\n")
        .append("    <title>Example Status - Incident History</title>\n")
        .append("    <link>https://www.examplestatus.com</link>\n")
        .append("    <description>Statuspage</description>\n")
        .append("    <pubDate>")
        .append(RSS_TIME.format(NEWEST))
        .append("</pubDate>\n");
    Instant start = NEWEST;
    for (int i = 0; i < items; i++) {
      start = start.minusMillis(3_600_000L + random.nextLong(3 * 86_400_000L));
      List<Phase> phases = statuspagePhases(random, start, i == 0);
      Phase last = phases.get(phases.size() - 1);
      StringBuilder html = new StringBuilder();
      for (int u = phases.size() - 1; u >= 0; u--) {
        Phase phase = phases.get(u);
        String day =
            String.format(Locale.ROOT, "%2d", phase.at().atZone(ZoneOffset.UTC).getDayOfMonth());
        html.append("<p><small>")
            .append(MONTH.format(phase.at()))
            .append(" <var data-var='date'>")
            .append(day)
            .append("</var>, <var data-var='time'>")
            .append(CLOCK.format(phase.at()))
            .append("</var> UTC</small><br><strong>")
            .append(
                u > 0 && u < phases.size() - 1 && random.nextInt(3) == 0 ? "Update" : label(phase))
            .append("</strong> - ")
            .append(phase.text())
            .append("</p>");
      }
      String link = "https://www.examplestatus.com/incidents/" + id(random, 12);
      xml.append("    <item>\n      <title>")
          .append(escape(pick(random, SUBJECTS)))
          .append("</title>\n      <description>\n")
          .append(escape(html.toString()))
          .append("      </description>\n      <pubDate>")
          .append(RSS_TIME.format(last.at()))
          .append("</pubDate>\n      <link>")
          .append(link)
          .append("</link>\n      <guid>")
          .append(link)
          .append("</guid>\n    </item>\n");
    }
    xml.append("  </channel>\n</rss>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String label(Phase phase) {
    return Character.toUpperCase(phase.status().charAt(0)) + phase.status().substring(1);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;");
  }

  /** Statuspage times: UTC with milliseconds, as {@code 2024-09-16T21:31:02.719Z}. */
  private static String millis(Instant at) {
    return STATUSPAGE_TIME.format(at);
  }

  private static String id(SplittableRandom random, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(length);
    for (int c = 0; c < length; c++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private static String mixedId(SplittableRandom random, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(length);
    for (int c = 0; c < length; c++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  private static int[] distinct(SplittableRandom random, int count, int bound) {
    return random.ints(0, bound).distinct().limit(count).toArray();
  }

  private static String pick(SplittableRandom random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static byte[] bytes(Object document) {
    try {
      return JSON.writeValueAsBytes(document);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
