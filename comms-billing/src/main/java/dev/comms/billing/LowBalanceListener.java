package dev.comms.billing;

import dev.comms.Mode;
import dev.comms.Money;

/** Told once each time an account's available balance falls below its threshold. */
@FunctionalInterface
public interface LowBalanceListener {
    /**
     * @param account the account
     * @param mode live or test
     * @param available the available balance just observed
     * @param threshold the threshold crossed
     */
    void lowBalance(String account, Mode mode, Money available, Money threshold);
}
