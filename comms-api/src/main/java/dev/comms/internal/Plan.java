package dev.comms.internal;

import dev.comms.SmsSegments;
import dev.comms.spi.Capability;
import dev.comms.spi.Usage;
import java.time.Duration;
import java.util.Set;

/**
 * What stage 2 (plan) works out before anything is reserved or sent.
 *
 * @param estimate the billable usage to reserve for
 * @param region the destination's ISO region for per-country prices, or {@code ZZ}
 * @param segments the SMS segments, or null for other channels
 * @param required the capabilities the message needs of its provider
 * @param fingerprint SHA-256 of the canonical request
 * @param afterSend how long what the hold protects lasts after the send returns: a call's ring timeout
 *     plus the longest call; zero for the other channels
 */
public record Plan(Usage estimate, String region, SmsSegments segments, Set<Capability> required, String fingerprint, Duration afterSend) {
    /**
     * A plan for a channel whose hold ends with the send.
     *
     * @param estimate the billable usage
     * @param region the destination's region
     * @param segments the SMS segments, or null
     * @param required the capabilities needed
     * @param fingerprint the request's fingerprint
     */
    public Plan(Usage estimate, String region, SmsSegments segments, Set<Capability> required, String fingerprint) {
        this(estimate, region, segments, required, fingerprint, Duration.ZERO);
    }
}
