package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.IdempotencyException;
import dev.comms.ErrorCode;

/** Shared checks and messages of ledger implementations. */
public final class Ledgers {
    private Ledgers() {
    }

    /**
     * @param account an account id
     * @throws IllegalArgumentException if it is blank or longer than 128 characters
     */
    public static void checkAccount(String account) {
        if (account == null || account.isBlank() || account.length() > 128) {
            throw new IllegalArgumentException("account must be 1-128 characters, not blank");
        }
    }

    /**
     * @param key the key reused
     * @param channel the channel
     * @return the error for one key used with two different requests
     */
    public static IdempotencyException conflict(String key, Channel channel) {
        return new IdempotencyException(ErrorCode.IDEMPOTENCY_CONFLICT, "Idempotency key '" + key
                + "' was already used for a different request: use a new key for a new request", channel);
    }
}
