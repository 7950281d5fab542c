/**
 * Notifications (design §10): each target declared in {@code tandem.notify.*} reads {@code
 * tandem.outages} with a consumer group of its own and POSTs every outage change to it in its shape
 * (a generic webhook, Slack, PagerDuty Events API v2, Alertmanager's webhook payload), at least
 * once and in order per outage, committing each offset only after the target took the change.
 */
package dev.tandem.notify;
