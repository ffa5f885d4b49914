package dev.comms.spi;

import dev.comms.Channel;
import dev.comms.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to hold credits for one send.
 *
 * @param account the account (tenant)
 * @param mode live or test (separate balances)
 * @param channel the channel
 * @param key the idempotency key: one hold per (account, mode, key)
 * @param fingerprint a SHA-256 of the canonical request, to tell a retry from a different request with the same key
 * @param estimate the estimated usage
 * @param region ISO region of the destination for per-country prices ({@code GB}), or {@code ZZ}
 * @param lease how long the hold may stay pending before it expires by itself: the whole send, and for
 *     a call the call itself
 * @param sendId Comms' message id of this send: a repeated reserve with the same id (after a lost
 *     answer from the ledger) is the same send, not a second one
 * @param deadline when the send gives up: the meter stops retrying its store then
 */
public record MeterRequest(String account, Mode mode, Channel channel, String key, String fingerprint, Usage estimate,
        String region, Duration lease, String sendId, Instant deadline) {
    /**
     * Checks the components.
     *
     * @param account the account (tenant)
     * @param mode live or test (separate balances)
     * @param channel the channel
     * @param key the idempotency key: one hold per (account, mode, key)
     * @param fingerprint a SHA-256 of the canonical request, to tell a retry from a different request with the same key
     * @param estimate the estimated usage
     * @param region ISO region of the destination for per-country prices ({@code GB}), or {@code ZZ}
     * @param lease how long the hold may stay pending before it expires by itself
     * @param sendId Comms' message id of this send
     * @param deadline when the send gives up
     */
    public MeterRequest {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(sendId, "sendId");
        Objects.requireNonNull(deadline, "deadline");
    }
}
