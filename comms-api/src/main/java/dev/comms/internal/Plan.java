package dev.comms.internal;

import dev.comms.SmsSegments;
import dev.comms.spi.Capability;
import dev.comms.spi.Usage;
import java.util.Set;

/**
 * What stage 2 (plan) works out before anything is reserved or sent.
 *
 * @param estimate the billable usage to reserve for
 * @param region the destination's ISO region for per-country prices, or {@code ZZ}
 * @param segments the SMS segments, or null for other channels
 * @param required the capabilities the message needs of its provider
 * @param fingerprint SHA-256 of the canonical request
 */
public record Plan(Usage estimate, String region, SmsSegments segments, Set<Capability> required, String fingerprint) {
}
