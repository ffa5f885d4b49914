package dev.comms.providers.sendgrid;

import dev.comms.spi.EmailSender;
import dev.comms.testkit.contract.EmailSenderContract;
import dev.comms.testkit.contract.Scenario;
import org.junit.jupiter.api.AfterAll;

/** The provider contract on the real sendgrid-java SDK against a local stub. */
class SendGridContractTest extends EmailSenderContract {
    final SendGridStub stub = new SendGridStub();
    final EmailSender sender = new SendGridProvider().emailSender(stub.context());
    final EmailSender refused = new SendGridProvider().emailSender(SendGridStub.context(SendGridStub.closedPortUrl()));
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
