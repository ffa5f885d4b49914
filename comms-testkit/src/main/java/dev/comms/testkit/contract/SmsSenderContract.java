package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Sms;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of an {@link SmsSender}: see {@link ProviderContract}.
 */
public abstract class SmsSenderContract extends ProviderContract {
    /** Creates the contract. */
    protected SmsSenderContract() {
    }

    /** @return the sender under test, pointed at the stub as last arranged */
    protected abstract SmsSender sender();

    /** @return the message every case sends */
    protected Sms sampleSms() {
        return Sms.to("+447123456789").from("+14155552671").body("Contract test").build();
    }

    /** An accepted send returns the provider's id after exactly one request. */
    @Test
    public void acceptedReturnsTheProviderId() {
        arrange(Scenario.ACCEPTED);
        SmsResult result = sender().send(sampleSms(), context());
        assertThat(result.providerMessageId()).isNotBlank();
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
        expectFailure(scenario, () -> sender().send(sampleSms(), context()));
    }
}
