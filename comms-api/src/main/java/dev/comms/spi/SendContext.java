package dev.comms.spi;

import dev.comms.Mode;
import java.time.Duration;
import java.util.Objects;

/**
 * What the pipeline tells a provider about one attempt.
 *
 * @param messageId Comms' id for the message, the same on every attempt
 * @param idempotencyKey the caller's idempotency key, or the message id when the caller gave none;
 *     pass it to providers that deduplicate by key (Resend's {@code Idempotency-Key})
 * @param account the account (tenant)
 * @param mode live or test
 * @param attempt 1 for the first call, counting failovers
 * @param timeout how long this attempt may take; providers set their client timeouts from it
 */
public record SendContext(String messageId, String idempotencyKey, String account, Mode mode, int attempt, Duration timeout) {
    /**
     * Checks the components.
     *
     * @param messageId Comms' id for the message, the same on every attempt
     * @param idempotencyKey the caller's idempotency key, or the message id when the caller gave none;
     *     pass it to providers that deduplicate by key (Resend's {@code Idempotency-Key})
     * @param account the account (tenant)
     * @param mode live or test
     * @param attempt 1 for the first call, counting failovers
     * @param timeout how long this attempt may take; providers set their client timeouts from it
     */
    public SendContext {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }

    /**
     * A context for a first attempt, for tests and direct provider use.
     *
     * @param messageId the message id (also used as idempotency key)
     * @return a live context for account {@code default} with a 10 s timeout
     */
    public static SendContext of(String messageId) {
        return new SendContext(messageId, messageId, "default", Mode.LIVE, 1, Duration.ofSeconds(10));
    }
}
