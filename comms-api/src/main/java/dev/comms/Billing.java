package dev.comms;

import java.util.Objects;

/**
 * What a send cost, what the account has left, and which credit hold stands behind it.
 *
 * @param state charged, held (a call in progress), deferred (the ledger was unreachable: the charge is
 *     kept and applied when it is back), or not metered
 * @param cost what this send was charged; for a call in progress, what is held for it
 * @param balance the account's available balance after the charge; zero when not metered or deferred
 * @param holdId the credit meter's id of the hold behind this send (settle a call with it, quote it to
 *     support); empty when not metered
 */
public record Billing(State state, Money cost, Money balance, String holdId) {
    /** No meter installed: nothing charged, nothing tracked. */
    public static final Billing NOT_METERED = new Billing(State.NOT_METERED, Money.ZERO, Money.ZERO, "");

    /** Where the money of a send stands. */
    public enum State {
        /** No credit meter is installed. */
        NOT_METERED,
        /** Charged: final. */
        CHARGED,
        /** Held until a late fact settles it (a call's duration). */
        HELD,
        /** The provider accepted, the ledger was unreachable: the charge is kept and applied later. */
        DEFERRED
    }

    /**
     * Checks the components.
     *
     * @param state charged, held (a call in progress), deferred (the ledger was unreachable: the charge is kept and applied when it is back), or not metered
     * @param cost what this send was charged; for a call in progress, what is held for it
     * @param balance the account's available balance after the charge; zero when not metered or deferred
     * @param holdId the credit meter's id of the hold behind this send (settle a call with it, quote it to support); empty when not metered
     */
    public Billing {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(holdId, "holdId");
    }

    /** @return false when no credit meter is installed (then both amounts are zero) */
    public boolean metered() {
        return state != State.NOT_METERED;
    }

    /**
     * @param cost what was charged
     * @param balance what is left
     * @return a charge with no hold id
     */
    public static Billing of(Money cost, Money balance) {
        return new Billing(State.CHARGED, cost, balance, "");
    }

    /**
     * @param cost what was charged
     * @param balance what is left
     * @param holdId the hold
     * @return a final charge
     */
    public static Billing charged(Money cost, Money balance, String holdId) {
        return new Billing(State.CHARGED, cost, balance, holdId);
    }

    /**
     * @param held what is held
     * @param balance what is available now
     * @param holdId the hold, to settle later
     * @return a hold left open for a late settle
     */
    public static Billing held(Money held, Money balance, String holdId) {
        return new Billing(State.HELD, held, balance, holdId);
    }

    /**
     * @param cost what will be charged when the ledger is back
     * @param holdId the hold
     * @return a charge kept for later
     */
    public static Billing deferred(Money cost, String holdId) {
        return new Billing(State.DEFERRED, cost, Money.ZERO, holdId);
    }
}
