package dev.comms;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of every runtime error a send can raise.
 *
 * <p>Each carries a stable {@link #code()}, an HTTP-like {@link #status()} and, where known, the
 * channel and provider involved. Wiring mistakes are reported by {@link CommsConfigurationException},
 * which sits outside this root on purpose: they are bugs to fix, not outcomes to handle.
 */
public class CommsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    private final ErrorCode code;
    /** The channel, or null. */
    private final Channel channel;
    /** The provider id, or null. */
    private final String provider;

    /**
     * Creates an exception.
     *
     * @param code the stable code; never null
     * @param message a sentence naming the field and the fix; never null
     * @param channel the channel, or null when unknown
     * @param provider the provider id, or null when no provider was involved
     * @param cause the underlying cause, or null
     */
    public CommsException(ErrorCode code, String message, Channel channel, String provider, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.channel = channel;
        this.provider = provider;
    }

    /**
     * Creates an exception with no channel, provider or cause.
     *
     * @param code the stable code
     * @param message a sentence naming the field and the fix
     */
    public CommsException(ErrorCode code, String message) {
        this(code, message, null, null, null);
    }

    /** @return the stable error code; never null */
    public ErrorCode code() {
        return code;
    }

    /** @return the HTTP-like status a framework can return as is (400, 402, 429, 502, 503, ...) */
    public int status() {
        return code.status();
    }

    /** @return the channel of the failed send, when known */
    public Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }

    /** @return the id of the provider involved, when one was */
    public Optional<String> provider() {
        return Optional.ofNullable(provider);
    }
}
