package dev.comms.spi;

import dev.comms.Billing;
import dev.comms.BillingEvent;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pipeline's reserve and settle stages: credits are held before the provider call and charged
 * (or returned) after it. {@code comms-billing} provides the real meter; without one nothing is
 * charged ({@link #NONE}).
 *
 * <pre>{@code
 * Hold hold = meter.reserve(request);        // InsufficientCreditsException before any provider call
 * try { send(); hold.commit(actualUsage); }  // charges at most what was held
 * catch (NotSent e) { hold.release(); }
 * catch (Ambiguous e) { hold.unknown(query); }  // the reconciler or the lease end settles it
 * }</pre>
 *
 * <p>A hold says why it is pending: <em>in flight</em> (the sender may crash: at the end of its
 * lease it is released) or <em>outcome unknown</em> (an ambiguous answer: {@link #resolve} settles it
 * when the provider answers a lookup, and at the end of its lease it is committed and reported,
 * because the message was probably sent).
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; a hold resolves at most once.
 */
public interface CreditMeter {
    /** Charges nothing and tracks nothing. */
    CreditMeter NONE = request -> Hold.FREE;

    /**
     * Holds the estimated cost of a send. Calling it again for the same {@link MeterRequest#sendId()}
     * (after a lost answer) returns the same hold.
     *
     * @param request what to hold, for whom, under which key, until when
     * @return the hold, to resolve exactly once
     * @throws InsufficientCreditsException if the balance does not cover the estimate
     * @throws dev.comms.IdempotencyException if another send holds the key
     * @throws dev.comms.CommsException with {@code SERVICE_UNAVAILABLE} if the ledger cannot be reached
     *     by the request's deadline (nothing is held then)
     */
    Hold reserve(MeterRequest request);

    /**
     * Settles a hold that was left open for a late fact, such as a call's duration. A call longer than
     * its hold is charged the hold and then the excess from the available balance; what the balance
     * cannot cover is recorded as unbilled and reported ({@link BillingEvent.Kind#UNBILLED}).
     *
     * @param holdId the hold's id, from the receipt ({@link Billing#holdId()})
     * @param account the account the receipt belongs to: a hold of another account is refused
     * @param mode live or test
     * @param actual the actual usage
     * @return what was charged and the balance after
     * @throws IllegalArgumentException if no such hold belongs to the account
     * @throws UnsupportedOperationException if this meter cannot settle late
     */
    default Billing settle(String holdId, String account, Mode mode, Usage actual) {
        throw new UnsupportedOperationException("this credit meter cannot settle holds late");
    }

    /**
     * @param holdId a hold id from a receipt or an event
     * @return the hold's owner and state, if this meter has it
     */
    default java.util.Optional<HoldInfo> holdInfo(String holdId) {
        return java.util.Optional.empty();
    }

    /**
     * @param max the most to return
     * @return holds whose outcome is unknown, oldest first, for the reconciler to look up
     */
    default List<UnknownOutcome> unknownOutcomes(int max) {
        return List.of();
    }

    /**
     * Settles an outcome-unknown hold by what the provider said: commits the whole hold if the message
     * was sent, releases it otherwise. A hold that already resolved is left as it is.
     *
     * @param holdId the hold
     * @param sent true if the provider has the message
     * @return true if this call resolved the hold
     */
    default boolean resolve(String holdId, boolean sent) {
        return false;
    }

    /**
     * Does the meter's background work once: releases in-flight holds past their lease, commits
     * outcome-unknown holds past theirs (reported), applies charges kept while the ledger was
     * unreachable, and purges resolved holds past their retention. The facade calls it on a schedule
     * ({@code comms.maintenance.interval}) and from {@code Comms.reconcile()}.
     *
     * @return how many holds or kept charges it changed
     */
    default int maintain() {
        return 0;
    }

    /**
     * Adds a receiver of billing events (the facade adds its listeners when it is built and removes
     * them when it closes). A meter shared by several facades reports to all of them.
     *
     * @param reporter the receiver; must not throw (the facade's is guarded)
     */
    default void addReporter(Consumer<BillingEvent> reporter) {
    }

    /**
     * @param reporter a receiver added before
     */
    default void removeReporter(Consumer<BillingEvent> reporter) {
    }

    /** Credits held for one send. Resolve it once: commit, release, abandon, or leave it pending or unknown. */
    interface Hold {
        /** A hold of nothing, for the {@link #NONE} meter. */
        Hold FREE = new Hold() {
            @Override
            public String id() {
                return "";
            }

            @Override
            public Money amount() {
                return Money.ZERO;
            }

            @Override
            public Billing commit(Usage actual) {
                return Billing.NOT_METERED;
            }

            @Override
            public void release() {
            }

            @Override
            public void abandon() {
            }

            @Override
            public Billing pending() {
                return Billing.NOT_METERED;
            }

            @Override
            public void unknown(SentQuery query) {
            }
        };

        /**
         * @return the meter's id of the hold ({@link Billing#holdId()}); empty for {@link #FREE}
         */
        String id();

        /** @return the amount held */
        Money amount();

        /**
         * Charges the actual usage (never more than was held; the rest returns to the balance). Never
         * loses a charge: if the ledger cannot be reached the charge is kept and applied later
         * ({@link Billing.State#DEFERRED}).
         *
         * @param actual what was used
         * @return the charge and the balance after
         */
        Billing commit(Usage actual);

        /** Returns the whole hold to the balance: a provider was called and certainly sent nothing. The key stays used. */
        void release();

        /**
         * Returns the whole hold and frees its idempotency key: the send was refused before any
         * provider call, so a retry with the same key and request gets a new hold.
         */
        void abandon();

        /**
         * Leaves the hold open for a late settle ({@link CreditMeter#settle}); its lease still bounds it.
         *
         * @return the amount held and the balance now
         */
        Billing pending();

        /**
         * Marks the hold <em>outcome unknown</em>: an attempt may have been accepted. The reconciler
         * settles it by the provider's answer; otherwise it is committed at the end of its lease.
         *
         * @param query what the reconciler asks the provider
         */
        void unknown(SentQuery query);
    }
}
