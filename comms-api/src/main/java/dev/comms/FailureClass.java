package dev.comms;

/**
 * How a provider failure bears on retrying: the pipeline retries and fails over only what it knows
 * was not sent.
 */
public enum FailureClass {
    /** The provider certainly did not accept the message (refused connection, 429, 5xx before acceptance): safe to retry or fail over. */
    NOT_SENT,
    /** The request may have been accepted (timeout after it was written, 5xx from a provider without idempotency keys): retried only where the provider dedupes by key. */
    AMBIGUOUS,
    /** Retrying cannot help (validation, authentication, unsubscribed recipient). */
    PERMANENT
}
