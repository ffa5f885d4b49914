package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Instant;

/**
 * A hold of credits for one send.
 *
 * @param id the ledger's id
 * @param account the account
 * @param mode live or test
 * @param key the idempotency key
 * @param fingerprint the request fingerprint
 * @param channel the channel
 * @param region ISO region of the destination ({@code ZZ} if unknown)
 * @param amount the amount held
 * @param state the state when read
 * @param expiresAt when the lease runs out (on the ledger's clock)
 * @param replayed true if {@link Ledger#reserve} found this hold already there (same key and fingerprint)
 */
public record Hold(long id, String account, Mode mode, String key, String fingerprint, Channel channel, String region, Money amount,
        HoldState state, Instant expiresAt, boolean replayed) {
}
