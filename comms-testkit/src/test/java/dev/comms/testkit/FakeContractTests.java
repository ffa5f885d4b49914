package dev.comms.testkit;

import dev.comms.FailureClass;
import dev.comms.spi.ChatCompleter;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import dev.comms.testkit.contract.ChatCompleterContract;
import dev.comms.testkit.contract.EmailSenderContract;
import dev.comms.testkit.contract.Scenario;
import dev.comms.testkit.contract.SmsSenderContract;
import dev.comms.testkit.contract.VoiceCallerContract;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The fakes pass the provider contract kit first: the kit is exercised before any vendor uses it. */
class FakeContractTests {
    static Outcome outcome(Scenario s) {
        return switch (s) {
            case ACCEPTED -> Outcome.accept();
            case RATE_LIMITED -> Outcome.rateLimited(Duration.ofSeconds(7));
            case SERVER_ERROR -> Outcome.fail(FailureClass.AMBIGUOUS, "server_error", 503);
            case HTML_ERROR -> Outcome.fail(FailureClass.AMBIGUOUS, null, 502);
            case EMPTY_ERROR -> Outcome.fail(FailureClass.AMBIGUOUS, null, 500);
            case REJECTED -> Outcome.fail(FailureClass.PERMANENT, "invalid_parameter", 400);
            case UNAUTHORIZED -> Outcome.fail(FailureClass.PERMANENT, "unauthorized", 401);
            case CONNECTION_REFUSED -> Outcome.notSent();
            case READ_TIMEOUT -> Outcome.ambiguous();
        };
    }

    @Nested
    class Sms extends SmsSenderContract {
        final FakeProvider fake = new FakeProvider();
        int base;

        @Override
        protected void arrange(Scenario scenario) {
            fake.sms().enqueue(outcome(scenario));
            base = fake.sms().requests();
        }

        @Override
        protected int requestsReceived() {
            return fake.sms().requests() - base;
        }

        @Override
        protected SmsSender sender() {
            return fake.sms();
        }
    }

    @Nested
    class Email extends EmailSenderContract {
        final FakeProvider fake = new FakeProvider();
        int base;

        @Override
        protected void arrange(Scenario scenario) {
            fake.email().enqueue(outcome(scenario));
            base = fake.email().requests();
        }

        @Override
        protected int requestsReceived() {
            return fake.email().requests() - base;
        }

        @Override
        protected EmailSender sender() {
            return fake.email();
        }
    }

    @Nested
    class Voice extends VoiceCallerContract {
        final FakeProvider fake = new FakeProvider();
        int base;

        @Override
        protected void arrange(Scenario scenario) {
            fake.voice().enqueue(outcome(scenario));
            base = fake.voice().requests();
        }

        @Override
        protected int requestsReceived() {
            return fake.voice().requests() - base;
        }

        @Override
        protected VoiceCaller caller() {
            return fake.voice();
        }
    }

    @Nested
    class Ai extends ChatCompleterContract {
        final FakeProvider fake = new FakeProvider();
        int base;

        @Override
        protected void arrange(Scenario scenario) {
            fake.ai().enqueue(outcome(scenario));
            base = fake.ai().requests();
        }

        @Override
        protected int requestsReceived() {
            return fake.ai().requests() - base;
        }

        @Override
        protected ChatCompleter completer() {
            return fake.ai();
        }
    }
}
