package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.Receipt;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.Usage;

/**
 * What differs per channel in the one pipeline: policies, planning, the provider call and the
 * receipt. The pipeline ({@link Pipeline}) owns the order of the stages; these classes only fill
 * them in.
 *
 * @param <M> the message type
 * @param <R> the receipt type
 * @param <X> the provider's result type
 */
interface ChannelOps<M, R extends Receipt, X> {
    /** @return the channel */
    Channel channel();

    /**
     * Stage 1: applies configured policies and defaults to an already self-valid message.
     *
     * @param message the message
     * @return the message to send
     */
    M prepare(M message);

    /**
     * Stage 2: billable units, region, required capabilities, fingerprint.
     *
     * @param message the prepared message
     * @return the plan
     */
    Plan plan(M message);

    /**
     * Stage 2, per provider: the provider's own limits and features ({@code SmsSender.check} ...).
     *
     * @param impl the provider's implementation of the channel
     * @param message the prepared message
     * @throws dev.comms.CommsException if this provider cannot take the message
     */
    void check(ProviderChannel impl, M message);

    /**
     * @param message the prepared message
     * @return the recipient a provider lookup searches by: an E.164 number or the first address
     */
    String recipient(M message);

    /**
     * @param message the prepared message
     * @return every recipient, normalised (E.164, lower-case addresses), for send policies
     */
    java.util.List<String> recipients(M message);

    /**
     * @param message the prepared message
     * @return the content a provider lookup matches (hashed, never stored): the SMS body, the call's
     *     script or TwiML URL, the email subject; null when there is none
     */
    String content(M message);

    /**
     * Stage 7: one provider call.
     *
     * @param impl the provider's implementation of the channel
     * @param message the message
     * @param context the attempt's context
     * @return the provider's result
     */
    X call(ProviderChannel impl, M message, SendContext context);

    /**
     * @param message the message
     * @param plan its plan
     * @param result the provider's result
     * @return the actual usage to commit
     */
    Usage actual(M message, Plan plan, X result);

    /** @return true if the charge is only known later (calls): the hold is left pending */
    default boolean settlesLater() {
        return false;
    }

    /**
     * Stage 9: the receipt.
     *
     * @param base the fields every receipt has
     * @param message the message
     * @param plan its plan
     * @param result the provider's result
     * @param billing what was charged
     * @return the receipt
     */
    R receipt(ReceiptBase base, M message, Plan plan, X result, Billing billing);

    /**
     * The fields common to all receipts.
     *
     * @param id message id
     * @param account account
     * @param mode mode
     * @param provider provider id
     * @param attempts provider calls made
     * @param timestamp completion time
     */
    record ReceiptBase(String id, String account, dev.comms.Mode mode, String provider, int attempts, java.time.Instant timestamp) {
    }
}
