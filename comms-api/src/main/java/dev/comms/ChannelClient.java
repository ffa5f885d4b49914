package dev.comms;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one kind of message through the pipeline. Obtained from the facade ({@code comms.sms()}).
 *
 * <p>Thread-safety: safe for concurrent use.
 *
 * @param <M> the message type
 * @param <R> the receipt type
 */
public interface ChannelClient<M, R extends Receipt> {
    /**
     * Sends a message and waits for the provider's answer.
     *
     * @param message the message
     * @return the receipt
     * @throws InvalidMessageException if the message breaks a configured policy
     * @throws InsufficientCreditsException if the account cannot pay (nothing was sent)
     * @throws RateLimitedException if a limit refused it (nothing was sent)
     * @throws ProviderNotFoundException if no provider is configured for the channel
     * @throws ProviderException if every attempt failed
     * @throws CommsException for any other failure
     */
    R send(M message);

    /**
     * Sends a message with options (idempotency key, deadline).
     *
     * @param message the message
     * @param options the options
     * @return the receipt
     * @throws IdempotencyException if the key was used with another request, or is in flight
     * @throws CommsException as {@link #send(Object)}
     */
    R send(M message, SendOptions options);

    /**
     * Sends on the facade's executor.
     *
     * @param message the message
     * @return the receipt, or a {@link CommsException} as the failure
     */
    CompletableFuture<R> sendAsync(M message);

    /**
     * Sends several messages, each through the whole pipeline, collecting successes and failures
     * instead of stopping at the first failure.
     *
     * @param messages the messages
     * @return sent count, receipts and per-message failures
     */
    BulkResult<R> sendAll(List<M> messages);
}
