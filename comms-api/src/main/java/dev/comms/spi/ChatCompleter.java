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
}
