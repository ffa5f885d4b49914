package dev.comms;

/**
 * An idempotency key was reused with a different request ({@link ErrorCode#IDEMPOTENCY_CONFLICT}),
 * or the first request with that key is still running ({@link ErrorCode#IDEMPOTENCY_IN_PROGRESS}).
 * Neither has any side effect.
 */
public class IdempotencyException extends CommsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code {@link ErrorCode#IDEMPOTENCY_CONFLICT} or {@link ErrorCode#IDEMPOTENCY_IN_PROGRESS}
     * @param message what happened and what to do
     * @param channel the channel
     */
    public IdempotencyException(ErrorCode code, String message, Channel channel) {
        super(code, message, channel, null, null);
        if (code != ErrorCode.IDEMPOTENCY_CONFLICT && code != ErrorCode.IDEMPOTENCY_IN_PROGRESS) {
            throw new IllegalArgumentException("not an idempotency code: " + code);
        }
    }
}
