package dev.tandem.simulate;

import dev.tandem.contract.IncidentStatus;
import java.time.Instant;

/**
 * One canonical update of a simulated incident.
 *
 * @param updatedAt when the provider posted it (event time)
 * @param receivedAt when a collector received it: a few minutes later, so records are not in event
 *     order
 */
public record SimulatedUpdate(
    String updateId, IncidentStatus status, String body, Instant updatedAt, Instant receivedAt) {}
