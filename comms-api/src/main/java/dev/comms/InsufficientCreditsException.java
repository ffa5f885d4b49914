package dev.comms;

import java.util.Objects;

/**
 * The account's balance does not cover the estimated cost; raised before any provider call, so
 * nothing was sent and nothing was charged. The message uses the hosted API's wording:
 * {@code "Insufficient credits. You have 50p but need 70p."}
 */
public class InsufficientCreditsException extends CommsException {
    private static final long serialVersionUID = 1L;

    /** The balance available. */
    private final Money available;
    /** What the send needed. */
    private final Money needed;

    /**
     * Creates the exception.
     *
     * @param available what the account has
     * @param needed what the send would cost
     * @param channel the channel
     */
    public InsufficientCreditsException(Money available, Money needed, Channel channel) {
        super(ErrorCode.INSUFFICIENT_CREDITS, "Insufficient credits. You have " + available.format()
                + " but need " + needed.format() + ".", channel, null, null);
        this.available = Objects.requireNonNull(available, "available");
        this.needed = Objects.requireNonNull(needed, "needed");
    }

    /** @return the available balance when the send was refused */
    public Money available() {
        return available;
    }

    /** @return the estimated cost of the refused send */
    public Money needed() {
        return needed;
    }
}
