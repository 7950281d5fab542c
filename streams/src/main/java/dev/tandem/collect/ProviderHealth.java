package dev.tandem.collect;

import java.time.Instant;

/**
 * What the collector knows about one provider's status page right now. An unreachable page is a
 * fact about our view of the provider, not an outage of the provider.
 *
 * @param lastSuccess when a fetch last succeeded (200 or 304), or null
 * @param lastError the reason of the latest failure, or null once a fetch succeeds again
 */
public record ProviderHealth(
    String provider,
    Instant lastSuccess,
    Instant lastFailure,
    String lastError,
    int consecutiveFailures,
    boolean unreachable,
    long fetches,
    long published,
    long notModified,
    long unchanged,
    long failures) {}
