package dev.comms;

import java.time.Instant;

/**
 * The receipt of a sent email.
 *
 * @param id Comms' message id
 * @param account the account
 * @param mode live or test
 * @param provider the provider id
 * @param providerMessageId the provider's id
 * @param status where it stands
 * @param attempts provider calls made
 * @param billing cost and balance
 * @param timestamp when the send completed
 * @param recipients mailboxes reached (to + cc + bcc)
 */
public record EmailReceipt(String id, String account, Mode mode, String provider, String providerMessageId,
        DeliveryStatus status, int attempts, Billing billing, Instant timestamp, int recipients) implements Receipt {
    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }
}
