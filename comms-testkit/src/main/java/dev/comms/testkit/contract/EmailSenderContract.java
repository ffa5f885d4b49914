package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Email;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of an {@link EmailSender}: see {@link ProviderContract}.
 */
public abstract class EmailSenderContract extends ProviderContract {
    /** Creates the contract. */
    protected EmailSenderContract() {
    }

    /** @return the sender under test, pointed at the stub as last arranged */
    protected abstract EmailSender sender();

    /** @return the message every case sends */
    protected Email sampleEmail() {
        return Email.builder().from("sender@example.com", "Contract Test").to("rcpt@example.com")
                .subject("Contract test").text("Hello").html("<p>Hello</p>").build();
    }

    /** An accepted send returns the provider's id after exactly one request. */
    @Test
    public void acceptedReturnsTheProviderId() {
        arrange(Scenario.ACCEPTED);
        EmailResult result = sender().send(sampleEmail(), context());
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
        expectFailure(scenario, () -> sender().send(sampleEmail(), context()));
    }
}
