package dev.comms.spi;

import dev.comms.ChatRequest;
import dev.comms.ProviderException;

/**
 * Answers AI chat completion requests through one provider (a language model, not a chat app).
 * The request arrives with the model filled in from configuration where the caller gave none.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use. Make exactly one request per
 * call and never retry inside: the pipeline owns retries.
 */
public interface ChatCompleter extends ProviderChannel {
    /**
     * Completes one request.
     *
     * @param request the messages, model and limits
     * @param context ids, account and timeout of this attempt
     * @return the answer and token usage
     * @throws ProviderException classified as NOT_SENT, AMBIGUOUS or PERMANENT
     */
    ChatResult complete(ChatRequest request, SendContext context);

    /**
     * Checks, before anything is held or sent, that this provider can send the message as given:
     * its own limits (SendGrid takes one reply-to, at most ten categories) and features. The facade
     * calls it while planning, so a message this provider cannot take skips it in the failover chain,
     * or is refused with a clear error when no provider can take it.
     *
     * @param request the validated message
     * @throws dev.comms.UnsupportedFeatureException if a feature is not supported
     * @throws dev.comms.InvalidMessageException if a field is outside this provider's limits
     */
    default void check(ChatRequest request) {
    }
}
