package dev.comms.spi;

import dev.comms.CallDetails;
import dev.comms.ProviderException;
import dev.comms.VoiceCall;

/**
 * Places voice calls through one provider. The call arrives validated, with the caller id filled in
 * from configuration where the caller gave none.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use. Make exactly one request per
 * call and never retry inside: the pipeline owns retries.
 */
public interface VoiceCaller extends ProviderChannel {
    /**
     * Places one call.
     *
     * @param call the call
     * @param context ids, account and timeout of this attempt
     * @return the provider's call id and the call's state
     * @throws ProviderException classified as NOT_SENT, AMBIGUOUS or PERMANENT
     */
    CallResult call(VoiceCall call, SendContext context);

    /**
     * Looks up a call's current state, duration and the keys pressed. Declare
     * {@link Capability#VOICE_CALL_STATUS} when implemented.
     *
     * @param providerCallId the provider's call id
     * @return the details
     * @throws ProviderException if the lookup failed
     * @throws UnsupportedOperationException if the provider cannot look calls up
     */
    default CallDetails status(String providerCallId) {
        throw new UnsupportedOperationException("provider '" + id() + "' cannot look up call status");
    }

    /**
     * Checks, before anything is held or sent, that this provider can send the message as given:
     * its own limits (SendGrid takes one reply-to, at most ten categories) and features. The facade
     * calls it while planning, so a message this provider cannot take skips it in the failover chain,
     * or is refused with a clear error when no provider can take it.
     *
     * @param call the validated message
     * @throws dev.comms.UnsupportedFeatureException if a feature is not supported
     * @throws dev.comms.InvalidMessageException if a field is outside this provider's limits
     */
    default void check(VoiceCall call) {
    }
}
