package dev.comms;

/**
 * The message uses a feature that the provider chosen for it cannot deliver (for example tags on a
 * provider that has none). Comms never drops a feature silently.
 */
public class UnsupportedFeatureException extends CommsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param feature the feature asked for
     * @param channel the channel
     * @param provider the provider that lacks it
     */
    public UnsupportedFeatureException(String feature, Channel channel, String provider) {
        super(ErrorCode.UNSUPPORTED_FEATURE, "Provider '" + provider + "' does not support " + feature
                + " on " + channel.key() + ": remove it from the message or route this channel to a provider that supports it"
                + " (see the provider feature matrix in README)", channel, provider, null);
    }
}
