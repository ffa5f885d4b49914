package dev.comms;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call's status as the provider reports it now ({@code comms.voice().status(callId)}): the state,
 * and once known the duration and the keys pressed.
 */
public final class CallDetails {
    private final String providerCallId;
    private final CallStatus status;
    private final Duration duration;
    private final String digits;

    /**
     * @param providerCallId the provider's call id
     * @param status the current state
     * @param duration the billed duration once the call ended, or null
     * @param digits the keys pressed in the menu, or null
     */
    public CallDetails(String providerCallId, CallStatus status, Duration duration, String digits) {
        this.providerCallId = Objects.requireNonNull(providerCallId, "providerCallId");
        this.status = Objects.requireNonNull(status, "status");
        this.duration = duration;
        this.digits = digits == null || digits.isEmpty() ? null : digits;
    }

    /** @return the provider's call id; never null */
    public String providerCallId() {
        return providerCallId;
    }

    /** @return the current state; never null */
    public CallStatus status() {
        return status;
    }

    /** @return how long the call lasted, once it has ended */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** @return the keys the callee pressed, when any */
    public Optional<String> digits() {
        return Optional.ofNullable(digits);
    }

    @Override
    public String toString() {
        return "CallDetails{" + providerCallId + ", " + status.key()
                + (duration == null ? "" : ", " + duration.toSeconds() + "s") + (digits == null ? "" : ", digits") + '}';
    }
}
