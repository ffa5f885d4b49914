package dev.comms.testkit;

import dev.comms.spi.SendContext;
import java.time.Instant;
import java.util.Objects;

/**
 * One message a fake accepted, with what the pipeline resolved for it (sender filled in from
 * configuration, default model...).
 *
 * @param message the message as the provider received it
 * @param providerId the id the fake returned
 * @param context the attempt's context (message id, idempotency key, account, mode, attempt)
 * @param at when the fake accepted it, on the facade's clock
 * @param <M> the message type
 */
public record Sent<M>(M message, String providerId, SendContext context, Instant at) {
    /**
     * Validates.
     *
     * @param message the message as the provider received it
     * @param providerId the id the fake returned
     * @param context the attempt's context (message id, idempotency key, account, mode, attempt)
     * @param at when the fake accepted it, on the facade's clock
     */
    public Sent {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(at, "at");
    }
}
