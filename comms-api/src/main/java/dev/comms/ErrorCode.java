package dev.comms;

/**
 * Stable error codes carried by every {@link CommsException}, each with the HTTP-like status a
 * framework wrapping Comms can return as is.
 *
 * <p>Codes are part of the public contract: they are never renamed, only added.
 */
public enum ErrorCode {
    /** A phone number is malformed, not a real number, or of the wrong type. */
    INVALID_PHONE(400),
    /** An email address is malformed or unsafe. */
    INVALID_EMAIL(400),
    /** A header-bound field (subject, display name, tag, custom header) holds control characters. */
    INVALID_HEADER(400),
    /** Any other invalid field of a message. */
    INVALID_MESSAGE(400),
    /** A body is longer than allowed (characters or SMS segments). */
    MESSAGE_TOO_LONG(400),
    /** A body is empty. */
    EMPTY_MESSAGE(400),
    /** The message asks for a feature the chosen provider does not support. */
    UNSUPPORTED_FEATURE(400),
    /** The account has too few credits for the estimated cost. */
    INSUFFICIENT_CREDITS(402),
    /** The same idempotency key was used with a different request. */
    IDEMPOTENCY_CONFLICT(409),
    /** A request with the same idempotency key is still being processed. */
    IDEMPOTENCY_IN_PROGRESS(409),
    /** A rate or concurrency limit refused the send. */
    RATE_LIMITED(429),
    /** The recipient is on the account's suppression list (opted out, unsubscribed, bounced). */
    RECIPIENT_SUPPRESSED(403),
    /** The recipient's local time is inside the configured quiet hours. */
    QUIET_HOURS(403),
    /** The recipient is not on the allow-list (test mode, or an account restricted to known recipients). */
    RECIPIENT_NOT_ALLOWED(403),
    /** A send policy refused the send, or failed (policies fail closed). */
    POLICY_REFUSED(403),
    /** The provider refused or failed the request. */
    PROVIDER_ERROR(502),
    /** The provider may or may not have accepted the message; it was not retried to avoid a duplicate. */
    DELIVERY_UNKNOWN(502),
    /** No provider is configured for the channel. */
    NOT_CONFIGURED(503),
    /** Every provider for the channel is failing or its circuit is open. */
    SERVICE_UNAVAILABLE(503),
    /** A bug or an unexpected failure inside Comms. */
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /**
     * The HTTP-like status for this code.
     *
     * @return 400, 402, 403, 409, 429, 500, 502 or 503
     */
    public int status() {
        return status;
    }
}
