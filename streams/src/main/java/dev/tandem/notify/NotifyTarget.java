package dev.tandem.notify;

import dev.tandem.contract.CorrelatedOutage;
import java.util.Set;

/**
 * One place notifications go, as configured ({@code tandem.notify.<name>.*}).
 *
 * @param url where to POST (a credential for Slack and tokened webhooks)
 * @param routingKey PagerDuty's integration key; null for the other types
 * @param minConfidence changes of outages less confident than this are not sent
 * @param providers only outages involving one of these are sent; empty: every outage
 */
public record NotifyTarget(
    String name,
    TargetType type,
    Secret url,
    Secret routingKey,
    double minConfidence,
    Set<String> providers) {

  public NotifyTarget {
    providers = Set.copyOf(providers);
  }

  /** Whether this change of an outage is one this target asked for, judged on its content. */
  boolean wants(CorrelatedOutage outage) {
    if (outage.getConfidence() < minConfidence) {
      return false;
    }
    return providers.isEmpty() || outage.getProviders().stream().anyMatch(providers::contains);
  }

  /** How the target shows in logs and errors: its name, type and host, never its secret. */
  public String shown() {
    return name + " (" + type.setting() + ", " + url.shownUrl() + ")";
  }
}
