package dev.comms;

import java.time.Instant;

/**
 * The receipt of a placed call. The call has only started: its duration, and so its final cost,
 * arrive later with the {@code call.completed} event; {@link #billing()} shows what is held for it.
 *
 * @param id Comms' message id
 * @param account the account
 * @param mode live or test
 * @param provider the provider id
 * @param providerMessageId the provider's call id (Twilio {@code CA...})
 * @param status where it stands
 * @param attempts provider calls made
 * @param billing what is held and the balance
 * @param timestamp when the call was placed
 * @param to the callee in E.164
 * @param callStatus the call's own status when placed (usually queued or initiated)
 * @param estimatedMinutes the minutes the hold covers
 */
public record CallReceipt(String id, String account, Mode mode, String provider, String providerMessageId,
        DeliveryStatus status, int attempts, Billing billing, Instant timestamp, String to, CallStatus callStatus,
        long estimatedMinutes) implements Receipt {
    /** @return the receipt with the number masked */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", account=" + account + ", mode=" + mode + ", provider=" + provider
                + ", providerMessageId=" + providerMessageId + ", status=" + status + ", attempts=" + attempts + ", billing=" + billing
                + ", to=" + dev.comms.internal.PhoneNumbers.mask(to) + ", callStatus=" + callStatus + ']';
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }
}
