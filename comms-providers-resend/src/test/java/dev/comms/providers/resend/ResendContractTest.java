package dev.comms.providers.resend;

import dev.comms.spi.EmailSender;
import dev.comms.testkit.contract.EmailSenderContract;
import dev.comms.testkit.contract.Scenario;
import org.junit.jupiter.api.AfterAll;

/** The provider contract on the real resend-java SDK against a local stub. */
class ResendContractTest extends EmailSenderContract {
    final ResendStub stub = new ResendStub();
    final EmailSender sender = new ResendProvider().emailSender(stub.context());
    final EmailSender refused = new ResendProvider().emailSender(ResendStub.context(ResendStub.closedPortUrl()));
    Scenario current;

    @Override
    protected void arrange(Scenario scenario) {
        current = scenario;
        stub.arrange("/emails", scenario, ResendStub.OK);
    }

    @Override
    protected int requestsReceived() {
        return stub.requests().size();
    }

    @Override
    protected EmailSender sender() {
        return current == Scenario.CONNECTION_REFUSED ? refused : sender;
    }

    @AfterAll
    void stop() {
        sender.close();
        refused.close();
        stub.close();
    }
}
