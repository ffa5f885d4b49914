package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Voice;
import dev.comms.VoiceCall;
import dev.comms.spi.CallResult;
import dev.comms.spi.VoiceCaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of a {@link VoiceCaller}: see {@link ProviderContract}.
 */
public abstract class VoiceCallerContract extends ProviderContract {
    /** Creates the contract. */
    protected VoiceCallerContract() {
    }

    /** @return the caller under test, pointed at the stub as last arranged */
    protected abstract VoiceCaller caller();

    /** @return the call every case places */
    protected VoiceCall sampleCall() {
        return VoiceCall.to("+447123456789").from("+14155552671").say("Hello").voice(Voice.AMY).build();
    }

    /** An accepted send returns the provider's id after exactly one request. */
    @Test
    public void acceptedReturnsTheProviderId() {
        arrange(Scenario.ACCEPTED);
        CallResult result = caller().call(sampleCall(), context());
        assertThat(result.providerCallId()).isNotBlank();
        assertThat(requestsReceived()).as("requests for one accepted attempt").isEqualTo(1);
    }

    /**
     * Every other scenario fails with the failure class the contract expects for it.
     *
     * @param scenario the failure the stub is arranged to give
     */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, mode = EnumSource.Mode.EXCLUDE, names = "ACCEPTED")
    public void failuresAreClassified(Scenario scenario) {
        arrange(scenario);
        expectFailure(scenario, () -> caller().call(sampleCall(), context()));
    }
}
