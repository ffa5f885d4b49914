package dev.comms;

import java.util.Locale;

/**
 * The four kinds of message Comms sends.
 *
 * <p>{@link #AI} means an AI chat completion (a request to a language model), not a chat app such
 * as Slack or Teams.
 */
public enum Channel {
    /** Email through an email provider (Resend, SendGrid, ...). */
    EMAIL,
    /** SMS text messages (Twilio, ...). */
    SMS,
    /** Outbound voice calls that speak a script or follow a TwiML document. */
    VOICE,
    /** AI chat completions (OpenAI or any compatible endpoint). */
    AI;

    /**
     * The lower-case name used in configuration keys ({@code comms.sms.providers}) and JSON.
     *
     * @return {@code email}, {@code sms}, {@code voice} or {@code ai}; never null
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a channel from its {@link #key()} (case-insensitive).
     *
     * @param key the channel's key, for example {@code "sms"}
     * @return the channel
     * @throws IllegalArgumentException if no channel has that key
     */
    public static Channel fromKey(String key) {
        for (Channel c : values()) {
            if (c.key().equalsIgnoreCase(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown channel '" + key + "': use one of email, sms, voice, ai");
    }
}
