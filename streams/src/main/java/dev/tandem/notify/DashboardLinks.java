package dev.tandem.notify;

/**
 * Links to the dashboard, when {@code tandem.notify.dashboard.url} names it: an outage opens at
 * {@code <base>/#outage=<id>}, the anchor the dashboard reads.
 *
 * @param base without a trailing slash; null when no dashboard is configured
 */
public record DashboardLinks(String base) {

  public static final DashboardLinks NONE = new DashboardLinks(null);

  public static DashboardLinks of(String base) {
    if (base == null || base.isBlank()) {
      return NONE;
    }
    String trimmed = base.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return new DashboardLinks(trimmed);
  }

  /** The outage's page, or null without a dashboard. */
  public String outage(String id) {
    return base == null ? null : base + "/#outage=" + id;
  }
}
