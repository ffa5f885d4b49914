package dev.comms;

import java.time.Instant;
import java.util.Objects;

/**
 * Something happened to money outside the plain "held, then charged" path: a charge that could not be
 * made, a send whose outcome was never learnt, a charge kept while the ledger was unreachable. Every
 * such case is reported to {@link CommsListener#onBilling}; none is silent.
 *
 * @param kind what happened
 * @param account the account
 * @param mode live or test
 * @param channel the channel, or null when not known
 * @param holdId the credit hold
 * @param messageId Comms' message id of the send, or empty when not known
 * @param amount the amount concerned (unbilled, charged, kept or lost)
 * @param detail one plain sentence for logs; no message body, no full number
 * @param at when it was reported
 */
public record BillingEvent(Kind kind, String account, Mode mode, Channel channel, String holdId, String messageId, Money amount,
        String detail, Instant at) {
    /** What happened. */
    public enum Kind {
        /** Sent, but part or all of the cost could not be charged (the balance did not cover a long call): recorded as unbilled. */
        UNBILLED,
        /** The outcome was never learnt (no provider answer, no lookup): the hold was committed at the end of its lease. */
        UNKNOWN_OUTCOME_CHARGED,
        /** The provider confirmed a send whose answer was lost: the hold was committed. */
        RECONCILED_SENT,
        /** The provider confirmed it never took a send whose answer was lost: the hold was released. */
        RECONCILED_NOT_SENT,
        /** The ledger was unreachable after the provider accepted: the charge is kept (in memory, and on disk if configured) to apply later. */
        SETTLEMENT_DEFERRED,
        /** A kept charge (or release) was applied to the ledger. */
        SETTLEMENT_APPLIED,
        /** A charge could be kept nowhere (queue full, no journal file): reconcile it from the provider's log. */
        SETTLEMENT_LOST
    }

    /**
     * Checks the components.
     *
     * @param kind what happened
     * @param account the account
     * @param mode live or test
     * @param channel the channel, or null when not known
     * @param holdId the credit hold
     * @param messageId Comms' message id of the send, or empty when not known
     * @param amount the amount concerned (unbilled, charged, kept or lost)
     * @param detail one plain sentence for logs; no message body, no full number
     * @param at when it was reported
     */
    public BillingEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }
}
