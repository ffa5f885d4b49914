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
 * @param replayed true if {@link Ledger#reserve} found this hold already there for another send (same key
 *     and fingerprint, other send id)
 * @param sendId the id of the send that reserved it (Comms' message id), or empty
 * @param reason why it is (or was) pending
 * @param reference what a reconciler needs to ask the provider about an outcome-unknown hold, or empty
 */
public record Hold(long id, String account, Mode mode, String key, String fingerprint, Channel channel, String region, Money amount,
        HoldState state, Instant expiresAt, boolean replayed, String sendId, PendingReason reason, String reference) {
    /**
     * @param replay whether the reserve found it there for another send
     * @return this hold marked replayed or not
     */
    public Hold replayed(boolean replay) {
        return new Hold(id, account, mode, key, fingerprint, channel, region, amount, state, expiresAt, replay, sendId, reason, reference);
    }
}
