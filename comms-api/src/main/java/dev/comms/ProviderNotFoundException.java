package dev.comms;

/**
 * No provider is configured for a channel. Comms never sends into the void: the first send on an
 * unconfigured channel raises this with the fix.
 */
public class ProviderNotFoundException extends CommsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param channel the channel with no provider
     * @param message what is missing and how to add it
     */
    public ProviderNotFoundException(Channel channel, String message) {
        super(ErrorCode.NOT_CONFIGURED, message, channel, null, null);
    }
}
