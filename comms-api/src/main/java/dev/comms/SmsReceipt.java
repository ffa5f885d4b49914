package dev.comms;

import java.time.Instant;

/**
 * The receipt of a sent SMS.
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
 * @param to the recipient in E.164
 * @param segments encoding and segments as billed
 */
public record SmsReceipt(String id, String account, Mode mode, String provider, String providerMessageId,
        DeliveryStatus status, int attempts, Billing billing, Instant timestamp, String to, SmsSegments segments)
        implements Receipt {
    /** @return the receipt with the number masked */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", account=" + account + ", mode=" + mode + ", provider=" + provider
                + ", providerMessageId=" + providerMessageId + ", status=" + status + ", attempts=" + attempts + ", billing=" + billing
                + ", to=" + dev.comms.internal.PhoneNumbers.mask(to) + ", segments=" + segments + ']';
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }
}
