package dev.comms;

import java.util.Locale;

/** The life of a voice call: queued, ringing, in progress, then one terminal state. */
public enum CallStatus {
    /** Waiting to be dialled. */
    QUEUED,
    /** Dialling has started. */
    INITIATED,
    /** The callee's phone is ringing. */
    RINGING,
    /** Answered and speaking. */
    IN_PROGRESS,
    /** Ended after being answered (terminal). */
    COMPLETED,
    /** The line was busy (terminal). */
    BUSY,
    /** The call could not be placed (terminal). */
    FAILED,
    /** Nobody answered before the ring timeout (terminal). */
    NO_ANSWER,
    /** Cancelled before it was answered (terminal). */
    CANCELED;

    /** @return true for states a call never leaves */
    public boolean isTerminal() {
        return ordinal() >= COMPLETED.ordinal();
    }

    /**
     * Parses the providers' spelling: {@code in-progress}, {@code no-answer}, {@code completed}, ...
     *
     * @param s the provider's status
     * @return the status
     * @throws IllegalArgumentException if unknown
     */
    public static CallStatus parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * @return the providers' spelling, such as {@code in-progress}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
