package dev.comms.providers.twilio;

import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import dev.comms.testkit.contract.Scenario;
import dev.comms.testkit.contract.SmsSenderContract;
import dev.comms.testkit.contract.VoiceCallerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** The testkit's provider contract, on the real Twilio SDK against a local stub. */
class TwilioContractTests {
    @Nested
    class Sms extends SmsSenderContract {
        final TwilioStub stub = new TwilioStub();
        final SmsSender sender = new TwilioProvider().smsSender(stub.context());
        final SmsSender refused = new TwilioProvider().smsSender(TwilioStub.context(TwilioStub.closedPortUrl()));
        Scenario current;

        @Override
        protected void arrange(Scenario scenario) {
            current = scenario;
            stub.arrange("/2010-04-01/Accounts/.*/Messages.json", scenario, 201, TwilioStub.MESSAGE);
        }

        @Override
        protected int requestsReceived() {
            return stub.requests();
        }

        @Override
        protected SmsSender sender() {
            return current == Scenario.CONNECTION_REFUSED ? refused : sender;
        }

        @AfterAll
        void stop() {
            sender.close();
            refused.close();
            stub.close();
        }
    }

    @Nested
    class Voice extends VoiceCallerContract {
        final TwilioStub stub = new TwilioStub();
        final VoiceCaller caller = new TwilioProvider().voiceCaller(stub.context());
        final VoiceCaller refused = new TwilioProvider().voiceCaller(TwilioStub.context(TwilioStub.closedPortUrl()));
        Scenario current;

        @Override
        protected void arrange(Scenario scenario) {
            current = scenario;
            stub.arrange("/2010-04-01/Accounts/.*/Calls.json", scenario, 201, TwilioStub.CALL);
        }

        @Override
        protected int requestsReceived() {
            return stub.requests();
        }

        @Override
        protected VoiceCaller caller() {
            return current == Scenario.CONNECTION_REFUSED ? refused : caller;
        }

        @AfterAll
        void stop() {
            caller.close();
            refused.close();
            stub.close();
        }
    }
}
