package dev.comms.spi;

import dev.comms.Billing;
import dev.comms.InsufficientCreditsException;
import dev.comms.Money;
import dev.comms.Mode;

/**
 * The pipeline's reserve and settle stages: credits are held before the provider call and charged
 * (or returned) after it. {@code comms-billing} provides the real meter; without one nothing is
 * charged ({@link #NONE}).
 *
 * <pre>{@code
 * Hold hold = meter.reserve(request);        // InsufficientCreditsException before any provider call
 * try { send(); hold.commit(actualUsage); }  // charges at most what was held
 * catch (NotSent e) { hold.release(); }
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; a hold resolves at most once.
 */
public interface CreditMeter {
    /** Charges nothing and tracks nothing. */
    CreditMeter NONE = request -> Hold.FREE;

    /**
     * Holds the estimated cost of a send.
     *
     * @param request what to hold, for whom, under which key
     * @return the hold, to commit or release exactly once
     * @throws InsufficientCreditsException if the balance does not cover the estimate
     */
    Hold reserve(MeterRequest request);

    /**
     * Settles a hold that was left open for a late fact, such as a call's duration.
     *
     * @param account the account
     * @param mode live or test
     * @param key the key the hold was reserved under
     * @param actual the actual usage
     * @return what was charged and the balance after
     * @throws UnsupportedOperationException if this meter cannot settle late
     */
    default Billing settle(String account, Mode mode, String key, Usage actual) {
        throw new UnsupportedOperationException("this credit meter cannot settle holds late");
    }

    /** Credits held for one send. */
    interface Hold {
        /** A hold of nothing, for the {@link #NONE} meter. */
        Hold FREE = new Hold() {
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
            public Billing pending() {
                return Billing.NOT_METERED;
            }
        };

        /** @return the amount held */
        Money amount();

        /**
         * Charges the actual usage (never more than was held; the rest returns to the balance).
         *
         * @param actual what was used
         * @return the charge and the balance after
         */
        Billing commit(Usage actual);

        /** Returns the whole hold to the balance: nothing was sent. */
        void release();

        /**
         * Leaves the hold open for a late settle ({@link CreditMeter#settle}); the lease still bounds it.
         *
         * @return the amount held and the balance now
         */
        Billing pending();
    }
}
