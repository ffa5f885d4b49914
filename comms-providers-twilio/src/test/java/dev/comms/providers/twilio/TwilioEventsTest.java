package dev.comms.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.security.RequestValidator;
import dev.comms.Billing;
import dev.comms.CallReceipt;
import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.VoiceCall;
import dev.comms.billing.Balance;
import dev.comms.billing.EntryKind;
import dev.comms.billing.InMemoryLedger;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.testkit.contract.Scenario;
import dev.comms.event.EventStatus;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: a call placed through the facade with the real Twilio SDK against the stub, then
 * Twilio's status callbacks to the URL the call carried, signed with the auth token as Twilio signs
 * them (twilio-java's own RequestValidator agrees), handed to {@code comms.events()}: the completed
 * call settles its hold at the price per started minute, once.
 */
class TwilioEventsTest {
    static final String HOOKS = "https://hooks.example.com/comms/webhooks/twilio";

    final TwilioStub stub = new TwilioStub();
    final InMemoryLedger ledger = new InMemoryLedger();

    @AfterEach
    void stop() {
        stub.close();
    }

    Comms facade() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(5), "fund", EntryKind.TOP_UP);
        return Comms.builder().property("comms.account", "acme").property("comms.voice.providers", "twilio")
                .property("comms.voice.from", "+14155552671").property("comms.twilio.account-sid", TwilioStub.SID)
                .property("comms.twilio.auth-token", TwilioStub.TOKEN).property("comms.twilio.base-url", stub.baseUrl())
                .property("comms.twilio.status-callback-url", HOOKS).property("comms.maintenance.interval", "0")
                .creditMeter(new LedgerCreditMeter(ledger)).build();
    }

    /** The status callback URL the call was created with, as the stub received it. */
    String statusCallback() {
        List<LoggedRequest> calls = stub.server.findAll(WireMock.postRequestedFor(WireMock.urlPathMatching(".*/Calls.json")));
        assertThat(calls).hasSize(1);
        List<String> callback = TwilioRequestTest.form(calls.get(0), "StatusCallback");
        assertThat(callback).hasSize(1);
        return callback.get(0);
    }

    /** A call-progress callback as Twilio posts it. */
    static WebhookRequest callback(String url, String status, int sequence, Integer durationSeconds, String token) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", TwilioStub.SID);
        p.put("CallSid", "CA00000000000000000000000000000001");
        p.put("CallStatus", status);
        p.put("Direction", "outbound-api");
        p.put("From", "+14155552671");
        p.put("To", "+447123456789");
        p.put("ApiVersion", "2010-04-01");
        p.put("CallbackSource", "call-progress-events");
        p.put("SequenceNumber", Integer.toString(sequence));
        p.put("Timestamp", "Tue, 01 Dec 2026 10:00:0" + sequence + " +0000");
        if (durationSeconds != null) {
            p.put("CallDuration", durationSeconds.toString());
            p.put("Duration", Integer.toString((durationSeconds + 59) / 60));
        }
        String signature = TwilioWebhooksTest.twilioSign(token, url, p);
        if (token.equals(TwilioStub.TOKEN)) {
            assertThat(new RequestValidator(TwilioStub.TOKEN).validate(url, p, signature)).as("twilio-java agrees").isTrue();
        }
        return TwilioWebhooksTest.post(url, signature, TwilioWebhooksTest.form(p));
    }

    @Test
    void aCompletedCallSettlesItsHoldOnceAndLateOrForgedCallbacksChangeNothing() throws Exception {
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        try (Comms comms = facade()) {
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build());
            assertThat(call.billing().state()).isEqualTo(Billing.State.HELD);
            assertThat(call.billing().cost()).isEqualTo(Money.ofPence(70));
            String url = statusCallback();
            assertThat(url).startsWith(HOOKS + "?comms_message_id=" + call.id() + "&comms_hold=");

            WebhookOutcome forged = comms.events().handle("twilio", callback(url, "completed", 3, 61, "not-the-auth-token"));
            WebhookOutcome ringing = comms.events().handle("twilio", callback(url, "ringing", 1, null, TwilioStub.TOKEN));
            WebhookOutcome completed = comms.events().handle("twilio", callback(url, "completed", 3, 61, TwilioStub.TOKEN));
            WebhookOutcome retried = comms.events().handle("twilio", callback(url, "completed", 3, 61, TwilioStub.TOKEN));
            WebhookOutcome late = comms.events().handle("twilio", callback(url, "in-progress", 2, null, TwilioStub.TOKEN));
            Balance b = ledger.balance("acme", Mode.LIVE);
            System.out.println("twilio_call_webhooks forged=" + forged.status() + " completed=" + completed.status() + "/processed="
                    + completed.processed().size() + " retried_duplicates=" + retried.duplicates() + " late_ignored=" + late.ignored()
                    + " charged=" + b.debited().format() + " held=" + b.held().format() + " available=" + b.available().format());
            assertThat(forged.status()).isEqualTo(401);
            assertThat(ringing.processed()).extracting(e -> e.status()).containsExactly(EventStatus.CALL_RINGING);
            assertThat(completed.status()).isEqualTo(200);
            assertThat(completed.processed()).hasSize(1);
            assertThat(completed.processed().get(0).messageId()).isEqualTo(call.id());
            assertThat(retried.duplicates()).isEqualTo(1);
            assertThat(late.ignored()).isEqualTo(1);
            assertThat(comms.events().status(call.id())).contains(EventStatus.CALL_COMPLETED);
            assertThat(b.debited()).as("61 s is two started minutes at 7p").isEqualTo(Money.ofPence(14));
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(b.available()).isEqualTo(Money.parse("£4.86"));
            assertThat(b.gap()).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void anUnansweredCallReturnsItsWholeHold() throws Exception {
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        try (Comms comms = facade()) {
            comms.voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build());
            WebhookOutcome o = comms.events().handle("twilio", callback(statusCallback(), "no-answer", 2, null, TwilioStub.TOKEN));
            Balance b = ledger.balance("acme", Mode.LIVE);
            assertThat(o.status()).isEqualTo(200);
            assertThat(o.processed()).extracting(e -> e.status()).containsExactly(EventStatus.CALL_NO_ANSWER);
            assertThat(b.debited()).isEqualTo(Money.ZERO);
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(b.available()).isEqualTo(Money.ofPounds(5));
        }
    }
}
