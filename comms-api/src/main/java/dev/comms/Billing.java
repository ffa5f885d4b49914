package dev.comms;

import java.util.Objects;

/**
 * What a send cost and what the account has left.
 *
 * @param metered false when no credit meter is installed; then both amounts are zero
 * @param cost what this send was charged (or, for a call still in progress, what is held for it)
 * @param balance the account's available balance after the charge
 */
public record Billing(boolean metered, Money cost, Money balance) {
    /** No meter installed: nothing charged, nothing tracked. */
    public static final Billing NOT_METERED = new Billing(false, Money.ZERO, Money.ZERO);

    /**
     * Checks the components.
     *
     * @param metered false when no credit meter is installed; then both amounts are zero
     * @param cost what this send was charged (or, for a call still in progress, what is held for it)
     * @param balance the account's available balance after the charge
     */
    public Billing {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(balance, "balance");
    }

    /**
     * @param cost what was charged
     * @param balance what is left
     * @return a metered billing
     */
    public static Billing of(Money cost, Money balance) {
        return new Billing(true, cost, balance);
    }
}
