package dev.comms.spi;

/**
 * Features a provider may or may not support. The pipeline checks what a message needs against what
 * the chosen provider declares, and raises {@link dev.comms.UnsupportedFeatureException} rather than
 * dropping a feature silently.
 */
public enum Capability {
    /** Email: carbon copies. */
    EMAIL_CC,
    /** Email: blind carbon copies. */
    EMAIL_BCC,
    /** Email: reply-to addresses. */
    EMAIL_REPLY_TO,
    /** Email: tags or categories. */
    EMAIL_TAGS,
    /** Email: custom headers. */
    EMAIL_HEADERS,
    /** Email: several messages in one request. */
    EMAIL_BATCH,
    /** SMS: an alphanumeric sender id. */
    SMS_ALPHANUMERIC_SENDER,
    /** SMS: a messaging service (a pool of senders) instead of one number. */
    SMS_MESSAGING_SERVICE,
    /** SMS and voice: status callbacks to a URL. */
    STATUS_CALLBACK,
    /** Voice: a spoken script. */
    VOICE_SCRIPT,
    /** Voice: a keypad menu after the script. */
    VOICE_MENU,
    /** Voice: a TwiML document at a URL. */
    VOICE_TWIML_URL,
    /** Voice: looking up a call's status later. */
    VOICE_CALL_STATUS,
    /** AI: a limit on generated tokens. */
    AI_MAX_TOKENS,
    /**
     * The provider deduplicates requests by the idempotency key it is given, so an ambiguous
     * failure (a timeout after the request was written) can be retried without sending twice.
     */
    IDEMPOTENCY_KEY
}
