package dev.comms.testkit;

import dev.comms.FailureClass;
import java.time.Duration;
import java.util.Objects;

/**
 * What a fake does with the next request: accept it, fail it with one of the three failure classes,
 * rate-limit it, or accept it after a delay. Enqueue outcomes with {@link FakeChannel#enqueue}.
 *
 * @param failureClass the failure class, or {@code null} to accept
 * @param code the provider-style error code of a failure
 * @param httpStatus the HTTP status of a failure (0 for a network failure)
 * @param retryAfter the Retry-After of a rate limit, or {@code null}
 * @param delay how long the request takes (advances a {@link FakeClock}, otherwise sleeps)
 */
public record Outcome(FailureClass failureClass, String code, int httpStatus, Duration retryAfter, Duration delay) {
    /**
     * Validates.
     *
     * @param failureClass the failure class, or {@code null} to accept
     * @param code the provider-style error code of a failure
     * @param httpStatus the HTTP status of a failure (0 for a network failure)
     * @param retryAfter the Retry-After of a rate limit, or {@code null}
     * @param delay how long the request takes (advances a {@link FakeClock}, otherwise sleeps)
     */
    public Outcome {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    /** @return accept the request */
    public static Outcome accept() {
        return new Outcome(null, null, 0, null, Duration.ZERO);
    }

    /**
     * @param delay how long the request takes
     * @return accept the request after a delay
     */
    public static Outcome delay(Duration delay) {
        return new Outcome(null, null, 0, null, delay);
    }

    /** @return a refused connection: certainly not sent, safe to retry or fail over */
    public static Outcome notSent() {
        return new Outcome(FailureClass.NOT_SENT, "connection_refused", 0, null, Duration.ZERO);
    }

    /** @return a 503 from a provider that had not accepted the message */
    public static Outcome unavailable() {
        return new Outcome(FailureClass.NOT_SENT, "service_unavailable", 503, null, Duration.ZERO);
    }

    /** @return a timeout after the request was written: the fake accepted it and the answer was lost */
    public static Outcome ambiguous() {
        return new Outcome(FailureClass.AMBIGUOUS, "read_timeout", 0, null, Duration.ZERO);
    }

    /**
     * @return a timeout whose request never reached the provider: ambiguous to the caller (it cannot
     *     tell), but the fake did not accept it, so a lookup finds nothing
     */
    public static Outcome lost() {
        return new Outcome(FailureClass.AMBIGUOUS, LOST, 0, null, Duration.ZERO);
    }

    /** The code of {@link #lost()}. */
    static final String LOST = "request_lost";

    /** @return a permanent rejection (400, invalid recipient) */
    public static Outcome permanent() {
        return new Outcome(FailureClass.PERMANENT, "invalid_recipient", 400, null, Duration.ZERO);
    }

    /**
     * @param retryAfter the provider's Retry-After
     * @return a 429
     */
    public static Outcome rateLimited(Duration retryAfter) {
        return new Outcome(FailureClass.NOT_SENT, "rate_limited", 429, Objects.requireNonNull(retryAfter, "retryAfter"), Duration.ZERO);
    }

    /**
     * @param failureClass the class
     * @param code the provider-style code
     * @param httpStatus the HTTP status, or 0
     * @return a failure of any shape
     */
    public static Outcome fail(FailureClass failureClass, String code, int httpStatus) {
        return new Outcome(Objects.requireNonNull(failureClass, "failureClass"), code, httpStatus, null, Duration.ZERO);
    }

    /** @return whether this outcome accepts the request */
    public boolean accepts() {
        return failureClass == null;
    }
}
