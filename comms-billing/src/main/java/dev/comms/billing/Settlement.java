package dev.comms.billing;

import dev.comms.Money;

/**
 * The result of {@link Ledger#commit}.
 *
 * @param holdId the hold
 * @param charged what left the balance
 * @param unbilled what should have been charged but could not be (the hold had expired, or the
 *     actual cost exceeded it, and the balance did not cover the rest): sent but not billed, reported
 * @param available the available balance after
 * @param availableBefore the available balance before, so a listener can see a threshold crossed
 */
public record Settlement(long holdId, Money charged, Money unbilled, Money available, Money availableBefore) {
}
