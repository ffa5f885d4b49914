package dev.comms;

import java.time.Instant;

/**
 * The answer to an AI chat completion request.
 *
 * @param id Comms' message id
 * @param account the account
 * @param mode live or test
 * @param provider the provider id
 * @param providerMessageId the provider's completion id
 * @param status {@link DeliveryStatus#COMPLETED}
 * @param attempts provider calls made
 * @param billing cost and balance
 * @param timestamp when the answer arrived
 * @param text the model's answer
 * @param model the model that answered, as the provider named it
 * @param usage tokens used
 * @param finishReason why the model stopped ({@code stop}, {@code length}, ...), empty if not given
 */
public record ChatReceipt(String id, String account, Mode mode, String provider, String providerMessageId,
        DeliveryStatus status, int attempts, Billing billing, Instant timestamp, String text, String model,
        TokenUsage usage, String finishReason) implements Receipt {
    @Override
    public Channel channel() {
        return Channel.AI;
    }

    /** @return the receipt without the answer's text, which may be personal data */
    @Override
    public String toString() {
        return "ChatReceipt[id=" + id + ", provider=" + provider + ", model=" + model + ", usage=" + usage
                + ", billing=" + billing + ", length=" + text.length() + ']';
    }
}
