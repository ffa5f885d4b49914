package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link Ledger#reserve} holds.
 *
 * @param account the account (tenant)
 * @param mode live or test: separate balances
 * @param key the idempotency key: one hold per (account, mode, key)
 * @param fingerprint the request's fingerprint: the same key with another fingerprint is a conflict
 * @param channel the channel, for usage reports
 * @param amount the estimate to hold; not negative
 * @param lease how long the hold may stay pending; positive
 * @param region ISO region of the destination ({@code ZZ} if unknown), kept so a late settle (a
 *     call's duration) is priced with the same country multiplier
 * @param sendId the id of the send (Comms' message id), or empty: a reserve repeated with the same
 *     send id after a lost answer finds its own hold instead of a conflict
 * @param deadline when the caller gives up, or null: a ledger stops retrying its store then
 */
public record HoldRequest(String account, Mode mode, String key, String fingerprint, Channel channel, Money amount, Duration lease,
        String region, String sendId, Instant deadline) {
    /**
     * Checks the components.
     *
     * @param account the account (tenant)
     * @param mode live or test: separate balances
     * @param key the idempotency key: one hold per (account, mode, key)
     * @param fingerprint the request's fingerprint: the same key with another fingerprint is a conflict
     * @param channel the channel, for usage reports
     * @param amount the estimate to hold; not negative
     * @param lease how long the hold may stay pending; positive
     * @param region ISO region of the destination ({@code ZZ} if unknown), kept so a late settle (a
     *     call's duration) is priced with the same country multiplier
     * @param sendId the id of the send (Comms' message id), or empty
     * @param deadline when the caller gives up, or null
     */
    public HoldRequest {
        Ledgers.checkAccount(account);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > 255) {
            throw new IllegalArgumentException("key must be 1-255 characters");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        if (region == null || region.length() != 2 || !isUpper(region.charAt(0)) || !isUpper(region.charAt(1))) {
            throw new IllegalArgumentException("region must be a two-letter upper-case ISO code (ZZ if unknown), not " + region);
        }
        Objects.requireNonNull(sendId, "sendId");
        if (sendId.length() > 64) {
            throw new IllegalArgumentException("sendId must be at most 64 characters");
        }
    }

    /**
     * A request without a send id or deadline.
     *
     * @param account the account
     * @param mode live or test
     * @param key the idempotency key
     * @param fingerprint the request's fingerprint
     * @param channel the channel
     * @param amount the estimate
     * @param lease the lease
     * @param region the destination's region
     */
    public HoldRequest(String account, Mode mode, String key, String fingerprint, Channel channel, Money amount, Duration lease,
            String region) {
        this(account, mode, key, fingerprint, channel, amount, lease, region, "", null);
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /**
     * A request for a destination of unknown region ({@code ZZ}).
     *
     * @param account the account
     * @param mode live or test
     * @param key the idempotency key
     * @param fingerprint the request's fingerprint
     * @param channel the channel
     * @param amount the estimate
     * @param lease the lease
     */
    public HoldRequest(String account, Mode mode, String key, String fingerprint, Channel channel, Money amount, Duration lease) {
        this(account, mode, key, fingerprint, channel, amount, lease, "ZZ");
    }
}
