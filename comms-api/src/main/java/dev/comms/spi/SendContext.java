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
 * @param holdId the credit hold of the send, or empty: providers put it, with the message id, where
 *     the provider's webhooks bring it back (Twilio's status callback URL, SendGrid's custom args), so an
 *     event can settle the hold
 */
public record SendContext(String messageId, String idempotencyKey, String account, Mode mode, int attempt, Duration timeout,
        String holdId) {
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
     * @param holdId the credit hold of the send, or empty
     */
    public SendContext {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(holdId, "holdId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }

    /**
     * A context without a hold.
     *
     * @param messageId the message id
     * @param idempotencyKey the key
     * @param account the account
     * @param mode live or test
     * @param attempt the attempt, from 1
     * @param timeout the attempt's timeout
     */
    public SendContext(String messageId, String idempotencyKey, String account, Mode mode, int attempt, Duration timeout) {
        this(messageId, idempotencyKey, account, mode, attempt, timeout, "");
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
