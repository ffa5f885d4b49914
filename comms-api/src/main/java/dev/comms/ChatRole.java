package dev.comms;

import java.util.Locale;

/** Who wrote a message of an AI chat completion request. */
public enum ChatRole {
    /** Instructions that frame the conversation. */
    SYSTEM,
    /** The person asking. */
    USER,
    /** Earlier answers of the model. */
    ASSISTANT;

    /**
     * @return {@code system}, {@code user} or {@code assistant}, as the providers name them
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
