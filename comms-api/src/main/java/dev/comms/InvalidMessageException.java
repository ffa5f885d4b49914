package dev.comms;

import java.util.Objects;

/**
 * A message failed validation; nothing was sent and nothing was charged.
 *
 * <p>The message names the {@link #field()} and says how to fix it, for example
 * {@code "to: Phone number must include a valid country code (got 071*****89)"}.
 */
public class InvalidMessageException extends CommsException {
    private static final long serialVersionUID = 1L;

    /** The field that is invalid. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param code one of the 400-class codes
     * @param field the name of the offending field ({@code to}, {@code body}, {@code subject}, ...)
     * @param message what is wrong and how to fix it
     * @param channel the channel, or null
     */
    public InvalidMessageException(ErrorCode code, String field, String message, Channel channel) {
        super(code, field + ": " + message, channel, null, null);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** @return the name of the offending field; never null */
    public String field() {
        return field;
    }
}
