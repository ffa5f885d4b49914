package dev.comms.spi;

import dev.comms.TokenUsage;
import java.util.Objects;

/**
 * What a provider returns for a completion.
 *
 * @param providerMessageId the provider's completion id (may be empty)
 * @param text the answer
 * @param model the model that answered
 * @param usage tokens used, {@link TokenUsage#NONE} if not reported
 * @param finishReason why it stopped, empty if not reported
 */
public record ChatResult(String providerMessageId, String text, String model, TokenUsage usage, String finishReason) {
    /**
     * Checks the components.
     *
     * @param providerMessageId the provider's completion id (may be empty)
     * @param text the answer
     * @param model the model that answered
     * @param usage tokens used, {@link TokenUsage#NONE} if not reported
     * @param finishReason why it stopped, empty if not reported
     */
    public ChatResult {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
