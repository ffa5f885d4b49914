package dev.comms.providers.openai;

import dev.comms.FailureClass;
import dev.comms.spi.ChatCompleter;
import dev.comms.testkit.contract.ChatCompleterContract;
import dev.comms.testkit.contract.Scenario;
import org.junit.jupiter.api.AfterAll;

/** The provider contract on the module's own HTTP client against a local stub. */
class OpenAiContractTest extends ChatCompleterContract {
    final OpenAiStub stub = new OpenAiStub();
    final ChatCompleter completer = new OpenAiProvider().chatCompleter(stub.context());
    final ChatCompleter refused = new OpenAiProvider().chatCompleter(OpenAiStub.contextAt(OpenAiStub.closedPortUrl()));
    Scenario current;

    @Override
    protected void arrange(Scenario scenario) {
        current = scenario;
        stub.arrange(scenario);
    }

    @Override
    protected int requestsReceived() {
        return stub.requests().size();
    }

    @Override
    protected ChatCompleter completer() {
        return current == Scenario.CONNECTION_REFUSED ? refused : completer;
    }

    /** A chat completion has no side effect beyond cost: a 5xx is safe to retry (see package-info). */
    @Override
    protected FailureClass expectedClass(Scenario scenario) {
        return switch (scenario) {
            case SERVER_ERROR, HTML_ERROR, EMPTY_ERROR -> FailureClass.NOT_SENT;
            default -> super.expectedClass(scenario);
        };
    }

    @AfterAll
    void stop() {
        completer.close();
        refused.close();
        stub.close();
    }
}
