package dev.comms;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-send options: an idempotency key, how long to wait for a request in flight with the same
 * key, and an overall deadline.
 *
 * <pre>{@code
 * comms.sms().send(sms, SendOptions.idempotencyKey("order-1234-confirmation"));
 * }</pre>
 *
 * <p>With a key, the first result is stored and replayed for the same request (24 hours by
 * default); the same key with a different request is an {@link IdempotencyException}.
 */
public final class SendOptions {
    /** No key, no wait, the configured deadline. */
    public static final SendOptions NONE = new SendOptions(null, Duration.ZERO, null, null);

    private final String idempotencyKey;
    private final Duration waitIfInProgress;
    private final Duration deadline;
    private final java.time.ZoneId recipientZone;

    private SendOptions(String idempotencyKey, Duration waitIfInProgress, Duration deadline, java.time.ZoneId recipientZone) {
        this.recipientZone = recipientZone;
        this.idempotencyKey = idempotencyKey;
        this.waitIfInProgress = waitIfInProgress;
        this.deadline = deadline;
    }

    /**
     * Options with an idempotency key.
     *
     * @param key 1 to 255 printable ASCII characters without spaces
     * @return the options
     */
    public static SendOptions idempotencyKey(String key) {
        return NONE.withIdempotencyKey(key);
    }

    /**
     * @param key 1 to 255 printable ASCII characters without spaces
     * @return a copy with the key
     */
    public SendOptions withIdempotencyKey(String key) {
        checkKey(key);
        return new SendOptions(key, waitIfInProgress, deadline, recipientZone);
    }

    /**
     * Checks an idempotency key: 1 to 255 printable ASCII characters without spaces ({@code 0x21} to
     * {@code 0x7E}), because providers pass it on in an HTTP header ({@code Idempotency-Key}) and the
     * stores index it.
     *
     * @param key the key
     * @throws InvalidMessageException naming the field {@code idempotencyKey} and what to change
     */
    public static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "idempotencyKey",
                    "idempotency key is empty: give 1 to 255 printable ASCII characters, such as order-1234-confirmation", null);
        }
        if (key.length() > 255) {
            throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "idempotencyKey", "idempotency key is " + key.length()
                    + " characters long: keep it to 255 (hash a longer natural key)", null);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "idempotencyKey", "idempotency key has "
                        + (c == ' ' ? "a space" : c < 0x21 || c == 0x7F ? "a control character" : "a non-ASCII character")
                        + " at position " + i + ": use printable ASCII without spaces (0x21 to 0x7E)", null);
            }
        }
    }

    /**
     * @param wait how long to wait for an earlier request with the same key to finish before
     *     answering "in progress"; zero (the default) answers at once
     * @return a copy with the wait
     */
    public SendOptions withWaitIfInProgress(Duration wait) {
        if (wait == null || wait.isNegative()) {
            throw new IllegalArgumentException("wait must be zero or positive");
        }
        return new SendOptions(idempotencyKey, wait, deadline, recipientZone);
    }

    /**
     * @param deadline the most the whole send may take, retries and backoff included
     * @return a copy with the deadline
     */
    public SendOptions withDeadline(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        return new SendOptions(idempotencyKey, waitIfInProgress, deadline, recipientZone);
    }

    /**
     * Tells time-aware policies (quiet hours) where the recipient is, when the caller knows: a number
     * whose country has several time zones is otherwise treated as being in all of them.
     *
     * @param zone the recipient's time zone
     * @return a copy with the zone
     */
    public SendOptions withRecipientZone(java.time.ZoneId zone) {
        return new SendOptions(idempotencyKey, waitIfInProgress, deadline, java.util.Objects.requireNonNull(zone, "zone"));
    }

    /** @return the recipient's time zone, if the caller gave it */
    public Optional<java.time.ZoneId> recipientZone() {
        return Optional.ofNullable(recipientZone);
    }

    /** @return the idempotency key, if given */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** @return how long to wait for an in-flight request with the same key; never null */
    public Duration waitIfInProgress() {
        return waitIfInProgress;
    }

    /**
     * @return the overall deadline, if set (else {@code comms.retry.deadline})
     */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    @Override
    public String toString() {
        return "SendOptions{key=" + (idempotencyKey != null) + ", wait=" + waitIfInProgress + ", deadline=" + deadline + '}';
    }
}
