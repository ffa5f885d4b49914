package dev.comms;

import java.time.Duration;

/**
 * Places voice calls. {@code comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build())}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public interface VoiceClient extends ChannelClient<VoiceCall, CallReceipt> {
    /**
     * Looks up a call's state, duration and the keys pressed (Voice2Phone's "get call status").
     *
     * @param receipt the receipt of the call
     * @return the details as the provider reports them now
     * @throws UnsupportedFeatureException if the provider cannot look calls up
     * @throws ProviderException if the lookup failed
     */
    CallDetails status(CallReceipt receipt);

    /**
     * Settles the credits held for a call once its duration is known (from the
     * {@code call.completed} event or a {@link #status} lookup): the started minutes are charged,
     * the rest of the hold is returned.
     *
     * @param receipt the receipt of the call
     * @param duration how long the call lasted
     * @return the charge and the balance after
     */
    Billing settle(CallReceipt receipt, Duration duration);
}
