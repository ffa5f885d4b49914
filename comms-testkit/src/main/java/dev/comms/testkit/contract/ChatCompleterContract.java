package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.ChatRequest;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.ChatResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of a {@link ChatCompleter}: see {@link ProviderContract}.
 */
public abstract class ChatCompleterContract extends ProviderContract {
    /** Creates the contract. */
    protected ChatCompleterContract() {
    }

    /** @return the completer under test, pointed at the stub as last arranged */
    protected abstract ChatCompleter completer();

    /** @return the request every case sends */
    protected ChatRequest sampleRequest() {
        return ChatRequest.builder().system("You are terse.").user("Say hello.").model("gpt-4o-mini")
                .maxTokens(50).build();
    }

    /** An accepted send returns the provider's id after exactly one request. */
    @Test
    public void acceptedReturnsTheProviderId() {
        arrange(Scenario.ACCEPTED);
        ChatResult result = completer().complete(sampleRequest(), context());
        assertThat(result.providerMessageId()).isNotBlank();
        assertThat(result.text()).isNotNull();
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
        expectFailure(scenario, () -> completer().complete(sampleRequest(), context()));
    }
}
