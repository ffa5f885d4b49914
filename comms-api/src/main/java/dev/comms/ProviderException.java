package dev.comms;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider refused or failed a request. Providers throw it from their SPI methods, classified so
 * the pipeline knows whether a retry could send twice; the facade rethrows the last one when every
 * attempt failed ({@link ErrorCode#PROVIDER_ERROR}, or {@link ErrorCode#DELIVERY_UNKNOWN} when the
 * outcome is ambiguous).
 */
public class ProviderException extends CommsException {
    private static final long serialVersionUID = 1L;

    /** Whether the message may have been sent. */
    private final FailureClass failureClass;
    /** The provider's own error code, or null. */
    private final String providerCode;
    /** The HTTP status, or 0. */
    private final int httpStatus;
    /** The provider's Retry-After, or null. */
    private final Duration retryAfter;
    /** True when it failed on this side before anything reached the wire. */
    private final boolean local;

    private ProviderException(Builder b) {
        super(b.failureClass == FailureClass.AMBIGUOUS ? ErrorCode.DELIVERY_UNKNOWN : ErrorCode.PROVIDER_ERROR,
                b.message, b.channel, b.provider, b.cause);
        this.failureClass = b.failureClass;
        this.providerCode = b.providerCode;
        this.httpStatus = b.httpStatus;
        this.retryAfter = b.retryAfter;
        this.local = b.local;
    }

    /**
     * Starts an exception of the given class.
     *
     * @param failureClass how it bears on retrying
     * @param provider the provider id
     * @param message what failed, without secrets or message bodies
     * @return a builder
     */
    public static Builder of(FailureClass failureClass, String provider, String message) {
        return new Builder(failureClass, provider, message);
    }

    /** @return whether the message was certainly not sent, maybe sent, or permanently refused */
    public FailureClass failureClass() {
        return failureClass;
    }

    /**
     * @return the provider's own error code (Twilio {@code 21211}, Resend {@code rate_limit_exceeded}), when given
     */
    public Optional<String> providerCode() {
        return Optional.ofNullable(providerCode);
    }

    /** @return the HTTP status the provider answered with, or 0 when there was no HTTP answer */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return how long the provider asked us to wait, when it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A local failure: it happened on this side before anything reached the wire (no pooled
     * connection within the timeout, a client-side limit), so it is {@link FailureClass#NOT_SENT} and
     * says nothing about the provider's health: the facade retries and fails over as for any
     * NOT_SENT failure, but never counts it against the provider's circuit breaker. A refused or
     * timed-out connection is not local: the provider (or the way to it) is not answering.
     *
     * @return true for a local failure
     */
    public boolean isLocal() {
        return local;
    }

    /** Builds a {@link ProviderException}. */
    public static final class Builder {
        private final FailureClass failureClass;
        private final String provider;
        private String message;
        private Channel channel;
        private String providerCode;
        private int httpStatus;
        private Duration retryAfter;
        private Throwable cause;
        private boolean local;

        private Builder(FailureClass failureClass, String provider, String message) {
            this.failureClass = Objects.requireNonNull(failureClass, "failureClass");
            this.provider = Objects.requireNonNull(provider, "provider");
            this.message = Objects.requireNonNull(message, "message");
        }

        /**
         * @param message what failed, without secrets or message bodies; replaces the first one
         * @return this builder
         */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /**
         * @param channel the channel
         * @return this builder
         */
        public Builder channel(Channel channel) {
            this.channel = channel;
            return this;
        }

        /**
         * @param code the provider's error code
         * @return this builder
         */
        public Builder providerCode(String code) {
            this.providerCode = code;
            return this;
        }

        /**
         * @param status the HTTP status, 0 if none
         * @return this builder
         */
        public Builder httpStatus(int status) {
            this.httpStatus = status;
            return this;
        }

        /**
         * @param retryAfter the wait the provider asked for, or null
         * @return this builder
         */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * @param cause the underlying exception
         * @return this builder
         */
        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        /**
         * Marks a local failure ({@link ProviderException#isLocal()}): nothing reached the wire and the
         * provider's health is not in question.
         *
         * @return this builder
         * @throws IllegalStateException unless the class is {@link FailureClass#NOT_SENT}
         */
        public Builder local() {
            if (failureClass != FailureClass.NOT_SENT) {
                throw new IllegalStateException("only a NOT_SENT failure can be local (got " + failureClass + ")");
            }
            this.local = true;
            return this;
        }

        /** @return the exception */
        public ProviderException build() {
            return new ProviderException(this);
        }
    }
}
