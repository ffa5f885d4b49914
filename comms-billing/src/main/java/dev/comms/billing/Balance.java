package dev.comms.billing;

import dev.comms.Mode;
import dev.comms.Money;

/**
 * An account's balance in one mode. Invariant: {@code credited = available + held + debited}.
 *
 * @param account the account
 * @param mode live or test
 * @param available spendable now
 * @param held reserved by pending holds
 * @param credited everything ever credited (top-ups, grants, transfers in)
 * @param debited everything ever debited (charges, transfers out)
 */
public record Balance(String account, Mode mode, Money available, Money held, Money credited, Money debited) {
    /**
     * @return {@code credited - (available + held + debited)}: zero in a correct ledger
     */
    public Money gap() {
        return credited.minus(available.plus(held).plus(debited));
    }
}
