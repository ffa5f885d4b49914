package dev.comms.event;

import dev.comms.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a provider told us about a message, normalised: which message (Comms' id from our own
 * correlation, and the provider's), what happened, when, and for a call how long it lasted and what
 * was pressed. The raw payload is kept.
 *
 * @param provider the provider id ({@code twilio})
 * @param providerEventId the provider's id of the event, or one derived from the payload where the
 *     provider sends none (Twilio: resource SID + status, plus the sequence number for calls); the
 *     deduplication key with the provider
 * @param channel the channel, or null when the event cannot be placed
 * @param messageId Comms' message id ({@code msg_...}) when the payload carries it, else empty
 * @param holdId the credit hold of the send when the payload carries it, else empty
 * @param providerMessageId the provider's id of the message ({@code SM...}, {@code CA...}), or empty
 * @param status the normalised status
 * @param timestamp when it happened, by the provider's clock (or when it arrived, if the payload has no time)
 * @param callDuration for a completed call, its duration; null otherwise
 * @param digits keys pressed on a call, or empty
 * @param errorCode the provider's error code, or empty
 * @param errorReason the provider's error text, or empty
 * @param raw the payload as received (UTF-8)
 */
public record DeliveryEvent(String provider, String providerEventId, Channel channel, String messageId, String holdId,
        String providerMessageId, EventStatus status, Instant timestamp, Duration callDuration, String digits, String errorCode,
        String errorReason, String raw) {
    /**
     * Checks the components.
     *
     * @param provider the provider id
     * @param providerEventId the event id
     * @param channel the channel, or null
     * @param messageId Comms' message id, or empty
     * @param holdId the hold, or empty
     * @param providerMessageId the provider's message id, or empty
     * @param status the status
     * @param timestamp when
     * @param callDuration a completed call's duration, or null
     * @param digits keys pressed, or empty
     * @param errorCode the error code, or empty
     * @param errorReason the error text, or empty
     * @param raw the raw payload
     */
    public DeliveryEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerEventId, "providerEventId");
        messageId = messageId == null ? "" : messageId;
        holdId = holdId == null ? "" : holdId;
        providerMessageId = providerMessageId == null ? "" : providerMessageId;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        digits = digits == null ? "" : digits;
        errorCode = errorCode == null ? "" : errorCode;
        errorReason = errorReason == null ? "" : errorReason;
        raw = raw == null ? "" : raw;
    }

    /**
     * @return the hosted API's event name, such as {@code call.completed}
     */
    public String type() {
        return status.wireName();
    }

    /** @return a completed call's duration, if this is one */
    public Optional<Duration> duration() {
        return Optional.ofNullable(callDuration);
    }

    /** @return the event without its raw payload (which may hold numbers and text) */
    @Override
    public String toString() {
        return "DeliveryEvent[" + provider + " " + providerEventId + " " + type() + " message=" + messageId + " provider=" + providerMessageId
                + (callDuration == null ? "" : " duration=" + callDuration.toSeconds() + "s") + (errorCode.isEmpty() ? "" : " error=" + errorCode)
                + "]";
    }
}
