package dev.comms.event;

import dev.comms.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * A message someone sent to one of the application's numbers or channels (a Twilio inbound SMS, a
 * custom channel's incoming message); answer it through {@code comms.sms()}.
 *
 * @param provider the provider id
 * @param providerMessageId the provider's id of the message: the deduplication key
 * @param channel the channel
 * @param from who sent it (E.164 for SMS)
 * @param to where it was sent
 * @param body its text
 * @param receivedAt when it arrived
 * @param raw the payload as received
 */
public record InboundMessage(String provider, String providerMessageId, Channel channel, String from, String to, String body,
        Instant receivedAt, String raw) {
    /**
     * Checks the components.
     *
     * @param provider the provider id
     * @param providerMessageId the message id
     * @param channel the channel
     * @param from the sender
     * @param to the recipient
     * @param body the text
     * @param receivedAt when
     * @param raw the raw payload
     */
    public InboundMessage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        raw = raw == null ? "" : raw;
    }

    /** @return the message without its body or full numbers */
    @Override
    public String toString() {
        return "InboundMessage[" + provider + " " + providerMessageId + " " + channel + " from=" + mask(from) + " to=" + mask(to) + "]";
    }

    private static String mask(String s) {
        return s.length() > 6 ? s.substring(0, 4) + "***" + s.substring(s.length() - 2) : "***";
    }
}
