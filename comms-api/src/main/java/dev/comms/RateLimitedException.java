package dev.comms;

import java.time.Duration;
import java.util.Optional;

/**
 * A rate or concurrency limit refused the send before any provider was called; nothing was
 * charged. Retry after {@link #retryAfter()} when present.
 */
public class RateLimitedException extends CommsException {
    private static final long serialVersionUID = 1L;

    /** When to try again, or null. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message which limit and for whom
     * @param channel the channel
     * @param retryAfter when a retry may succeed, or null if unknown
     */
    public RateLimitedException(String message, Channel channel, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message, channel, null, null);
        this.retryAfter = retryAfter;
    }

    /** @return how long to wait before retrying, when known */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
