package dev.comms.spi;

import dev.comms.Channel;
import java.util.Objects;

/**
 * Billable quantities of one send, estimated before the provider call and actual after it.
 *
 * @param channel the channel
 * @param units segments (SMS), started minutes (voice), messages (email), requests (AI)
 * @param recipients mailboxes reached (email), otherwise 1
 * @param promptTokens tokens read (AI), otherwise 0
 * @param completionTokens tokens written (AI), otherwise 0
 */
public record Usage(Channel channel, long units, int recipients, long promptTokens, long completionTokens) {
    /**
     * Checks the components.
     *
     * @param channel the channel
     * @param units segments (SMS), started minutes (voice), messages (email), requests (AI)
     * @param recipients mailboxes reached (email), otherwise 1
     * @param promptTokens tokens read (AI), otherwise 0
     * @param completionTokens tokens written (AI), otherwise 0
     */
    public Usage {
        Objects.requireNonNull(channel, "channel");
        if (units < 0 || recipients < 0 || promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("usage cannot be negative");
        }
    }

    /**
     * @param segments the SMS segments
     * @return SMS usage
     */
    public static Usage sms(int segments) {
        return new Usage(Channel.SMS, segments, 1, 0, 0);
    }

    /**
     * @param minutes started minutes
     * @return voice usage
     */
    public static Usage voice(long minutes) {
        return new Usage(Channel.VOICE, minutes, 1, 0, 0);
    }

    /**
     * @param recipients mailboxes reached (to + cc + bcc)
     * @return email usage for one message
     */
    public static Usage email(int recipients) {
        return new Usage(Channel.EMAIL, 1, recipients, 0, 0);
    }

    /**
     * @param promptTokens tokens read (0 when estimating)
     * @param completionTokens tokens written (the limit when estimating)
     * @return AI usage for one request
     */
    public static Usage ai(long promptTokens, long completionTokens) {
        return new Usage(Channel.AI, 1, 1, promptTokens, completionTokens);
    }
}
