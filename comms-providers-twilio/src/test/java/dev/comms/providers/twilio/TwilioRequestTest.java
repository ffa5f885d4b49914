package dev.comms.providers.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.CallDetails;
import dev.comms.CallStatus;
import dev.comms.Comms;
import dev.comms.CommsConfigurationException;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.ProviderException;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.Voice;
import dev.comms.VoiceCall;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import dev.comms.testkit.contract.Scenario;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the real Twilio SDK puts on the wire, seen at the stub. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioRequestTest {
    final TwilioStub stub = new TwilioStub();
    final SmsSender sms = new TwilioProvider().smsSender(stub.context());
    final VoiceCaller voice = new TwilioProvider().voiceCaller(stub.context());

    @AfterAll
    void stop() {
        sms.close();
        voice.close();
        stub.close();
    }

    static final SendContext HELD = new SendContext("msg_1", "msg_1", "default", dev.comms.Mode.LIVE, 1, Duration.ofSeconds(10), "42");

    @Test
    void withoutItsOwnCallbackAMessageOrCallUsesTheConfiguredOneWithItsCorrelation() throws Exception {
        java.util.Map<String, String> more = java.util.Map.of("comms.twilio.status-callback-url", "https://hooks.example.com/twilio?tenant=a",
                "comms.twilio.timeout", "5s", "comms.twilio.connect-timeout", "5s");
        try (SmsSender s = new TwilioProvider().smsSender(stub.context(more, java.time.Clock.systemUTC()));
                VoiceCaller v = new TwilioProvider().voiceCaller(stub.context(more, java.time.Clock.systemUTC()))) {
            stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
            s.send(Sms.to("+447123456789").from("+14155552671").body("hi").build(), HELD);
            String smsCallback = form(only(), "StatusCallback").get(0);
            assertThat(smsCallback).isEqualTo("https://hooks.example.com/twilio?tenant=a&comms_message_id=msg_1&comms_hold=42");
            // a message's own callback wins over the configured one
            stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
            s.send(Sms.to("+447123456789").from("+14155552671").body("hi").statusCallback("https://own.example.com/s").build(), HELD);
            assertThat(form(only(), "StatusCallback")).containsExactly("https://own.example.com/s?comms_message_id=msg_1&comms_hold=42");
            stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
            v.call(VoiceCall.to("+447123456789").from("+14155552671").say("Hello").build(), HELD);
            LoggedRequest call = only();
            assertThat(form(call, "StatusCallback")).containsExactly("https://hooks.example.com/twilio?tenant=a&comms_message_id=msg_1"
                    + "&comms_hold=42");
            assertThat(form(call, "StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
            assertThat(form(call, "StatusCallbackMethod")).containsExactly("POST");
            // round trip: Twilio calls that URL, signed with the auth token; the handler verifies it and reads the ids back
            java.util.Map<String, String> params = java.util.Map.of("MessageSid", "SM00000000000000000000000000000001",
                    "MessageStatus", "delivered");
            String signature = TwilioWebhooksTest.twilioSign(TwilioStub.TOKEN, smsCallback, params);
            dev.comms.spi.WebhookHandler h = new TwilioProvider().webhooks(stub.context()).orElseThrow();
            dev.comms.event.WebhookRequest callback = TwilioWebhooksTest.post(smsCallback, signature, TwilioWebhooksTest.form(params));
            assertThat(h.verify(callback, java.time.Instant.now())).isInstanceOf(dev.comms.spi.WebhookHandler.Verification.Verified.class);
            dev.comms.event.DeliveryEvent e = h.parse(callback).events().get(0);
            assertThat(e.messageId()).isEqualTo("msg_1");
            assertThat(e.holdId()).isEqualTo("42");
            assertThat(e.status()).isEqualTo(dev.comms.event.EventStatus.SMS_DELIVERED);
        }
        java.util.Map<String, String> bad = java.util.Map.of("comms.twilio.status-callback-url", "/relative/path");
        assertThatThrownBy(() -> new TwilioProvider().smsSender(stub.context(bad, java.time.Clock.systemUTC())))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.status-callback-url");
    }

    static List<String> form(LoggedRequest r, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : r.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    LoggedRequest only() {
        List<LoggedRequest> all = stub.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void smsFromANumberWithStatusCallback() {
        stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
        SmsResult r = sms.send(Sms.to("+447123456789").from("+14155552671").body("Your code is 123456")
                .statusCallback("https://example.com/status").build(), HELD);
        assertThat(r.providerMessageId()).isEqualTo("SM00000000000000000000000000000001");
        assertThat(r.providerSegments()).isEqualTo(2);
        LoggedRequest req = only();
        assertThat(req.getUrl()).isEqualTo("/2010-04-01/Accounts/" + TwilioStub.SID + "/Messages.json");
        assertThat(form(req, "To")).containsExactly("+447123456789");
        assertThat(form(req, "From")).containsExactly("+14155552671");
        assertThat(form(req, "Body")).containsExactly("Your code is 123456");
        // the correlation rides in the callback URL's query (Twilio signs and calls it as given), not in the form
        assertThat(form(req, "StatusCallback")).containsExactly("https://example.com/status?comms_message_id=msg_1&comms_hold=42");
        assertThat(form(req, "comms_message_id")).isEmpty();
        String basic = Base64.getEncoder().encodeToString((TwilioStub.SID + ":" + TwilioStub.TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(req.getHeader("Authorization")).isEqualTo("Basic " + basic);
        assertThat(req.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        // the SDK's own NetworkHttpClient built the request
        assertThat(req.getHeader("User-Agent")).startsWith("twilio-java/");
        assertThat(req.getHeader("X-Twilio-Client")).startsWith("java-");
    }

    @Test
    void smsFromAMessagingServiceOrASenderId() {
        stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
        sms.send(Sms.to("+447123456789").messagingService("MG00000000000000000000000000000001").body("hi").build(), SendContext.of("m"));
        assertThat(form(only(), "MessagingServiceSid")).containsExactly("MG00000000000000000000000000000001");
        assertThat(form(only(), "From")).isEmpty();
        assertThat(form(only(), "To")).containsExactly("+447123456789");
        assertThat(form(only(), "Body")).containsExactly("hi");
        assertThat(form(only(), "StatusCallback")).isEmpty();
        stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
        sms.send(Sms.to("+447123456789").from("AcmeLtd").body("hi").build(), SendContext.of("m2"));
        assertThat(form(only(), "From")).containsExactly("AcmeLtd");
        assertThat(form(only(), "MessagingServiceSid")).isEmpty();
    }

    @Test
    void callSpeaksTheScriptWithItsVoiceAndMenu() {
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        voice.call(VoiceCall.to("+447123456789").from("+14155552671").say("Press 1 to confirm.").voice(Voice.BRIAN)
                .menu("1", "Confirmed").menuCallback("https://example.com/menu").ringTimeout(Duration.ofSeconds(45))
                .statusCallback("https://example.com/call-events").build(), SendContext.of("c1"));
        LoggedRequest req = only();
        String twiml = form(req, "Twiml").get(0);
        assertThat(twiml).contains("<Gather", "numDigits=\"1\"", "action=\"https://example.com/menu\"", "input=\"dtmf\"")
                .contains("<Say voice=\"Polly.Brian\">Press 1 to confirm.</Say>");
        assertThat(form(req, "Timeout")).containsExactly("45");
        assertThat(form(req, "StatusCallback")).containsExactly("https://example.com/call-events?comms_message_id=c1");
        assertThat(form(req, "StatusCallbackEvent")).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(TwilioTwiml.menuReply(VoiceCall.to("+447123456789").say("Press 1").menu("1", "Thank you").build(), "1"))
                .contains("<Say voice=\"Polly.Amy\">Thank you</Say>").doesNotContain("Gather");
    }

    @Test
    void aPlainScriptIsSaidByPollyAmyWithoutGatherOrCallbacks() {
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        voice.call(VoiceCall.to("+447123456789").from("+14155552671").say("Your parcel <arrives> today & tomorrow").build(),
                SendContext.of("c0"));
        LoggedRequest req = only();
        assertThat(form(req, "Twiml")).singleElement().satisfies(twiml -> assertThat(twiml)
                .contains("<Response><Say voice=\"Polly.Amy\">Your parcel &lt;arrives&gt; today &amp; tomorrow</Say></Response>")
                .doesNotContain("Gather"));
        assertThat(form(req, "To")).containsExactly("+447123456789");
        assertThat(form(req, "From")).containsExactly("+14155552671");
        assertThat(form(req, "StatusCallback")).isEmpty();
        assertThat(form(req, "StatusCallbackEvent")).isEmpty();
    }

    @Test
    void callFollowsATwimlUrl() {
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        voice.call(VoiceCall.to("+447123456789").from("+14155552671").twimlUrl("https://example.com/flow.xml").build(),
                SendContext.of("c2"));
        assertThat(form(only(), "Url")).containsExactly("https://example.com/flow.xml");
        assertThat(form(only(), "Twiml")).isEmpty();
        assertThat(form(only(), "Timeout")).containsExactly("30");
    }

    @Test
    void menuWithoutACallbackIsRefusedBeforeAnyRequest() {
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        assertThatThrownBy(() -> voice.call(VoiceCall.to("+447123456789").from("+14155552671").say("Press 1").menu("1", "ok").build(),
                SendContext.of("c3"))).isInstanceOfSatisfying(InvalidMessageException.class,
                        e -> assertThat(e.field()).isEqualTo("menuCallback"));
        assertThat(stub.requests()).isZero();
    }

    @Test
    void planningRefusesWhatTwilioCannotTakeAndSendStaysSafe() {
        stub.arrange("/2010-04-01/Accounts/.*/(Messages|Calls).json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        Sms noSender = Sms.to("+447123456789").body("hi").build();
        assertThatThrownBy(() -> sms.check(noSender)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> sms.send(noSender, SendContext.of("n"))).isInstanceOf(InvalidMessageException.class);
        VoiceCall noCallerId = VoiceCall.to("+447123456789").say("Hello").build();
        assertThatThrownBy(() -> voice.check(noCallerId)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.field()).isEqualTo("from"));
        // within the 4,096-character script limit, but 5,000+ characters of TwiML once '&' is escaped
        VoiceCall escaped = VoiceCall.to("+447123456789").from("+14155552671").say("&".repeat(1000)).build();
        assertThatThrownBy(() -> voice.check(escaped)).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
            assertThat(e.field()).isEqualTo("script");
            assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
            assertThat(e.getMessage()).contains("4000");
        });
        assertThatThrownBy(() -> voice.call(escaped, SendContext.of("e"))).isInstanceOf(InvalidMessageException.class);
        assertThat(stub.requests()).as("nothing is sent for a message Twilio cannot take").isZero();
        // what Twilio can take passes: the same length spoken plainly, and any script behind a TwiML URL
        voice.check(VoiceCall.to("+447123456789").from("+14155552671").say("a".repeat(1000)).build());
        voice.check(VoiceCall.to("+447123456789").from("+14155552671").twimlUrl("https://example.com/t.xml").build());
        sms.check(Sms.to("+447123456789").from("AcmeLtd").body("hi").build());
    }

    @Test
    void callStatusLookup() {
        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + TwilioStub.SID + "/Calls/CA123.json")).willReturn(
                TwilioStub.json(200, "{\"sid\":\"CA123\",\"status\":\"completed\",\"duration\":\"61\"}")));
        CallDetails d = voice.status("CA123");
        assertThat(d.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(d.duration()).contains(Duration.ofSeconds(61));
        assertThat(d.digits()).isEmpty();
        assertThat(stub.requests()).isEqualTo(1);
        stub.server.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + TwilioStub.SID + "/Calls/CA124.json")).willReturn(
                TwilioStub.json(200, "{\"sid\":\"CA124\",\"status\":\"in-progress\",\"duration\":null}")));
        CallDetails live = voice.status("CA124");
        assertThat(live.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(live.duration()).isEmpty();
    }

    @Test
    void lookingUpAnUnknownCallIsPermanent() {
        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + TwilioStub.SID + "/Calls/CA404.json")).willReturn(
                TwilioStub.json(404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}")));
        assertThatThrownBy(() -> voice.status("CA404")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.failureClass()).isEqualTo(dev.comms.FailureClass.PERMANENT);
            assertThat(e.providerCode()).contains("20404");
            assertThat(e.httpStatus()).isEqualTo(404);
        });
        assertThat(stub.requests()).isEqualTo(1);
    }

    @Test
    void errorsCarryTwiliosCodeAndHideNumbersAndSecrets() {
        stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.REJECTED, 201, TwilioStub.MESSAGE);
        ProviderException e = (ProviderException) org.assertj.core.api.Assertions.catchThrowable(() ->
                sms.send(Sms.to("+447123456789").from("+14155552671").body("x").build(), SendContext.of("e")));
        assertThat(e.providerCode()).contains("21211");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).doesNotContain("15005550001").contains("***001");
        assertThat(e.getMessage()).doesNotContain(TwilioStub.TOKEN);
        assertThat(sms.toString()).doesNotContain(TwilioStub.TOKEN);
        assertThat(new TwilioProvider().configKeys()).filteredOn(k -> k.name().endsWith("auth-token")).singleElement()
                .satisfies(k -> assertThat(k.isSecret()).isTrue());
    }

    @Test
    void missingAccountSidFailsWhenTheFacadeIsBuilt() {
        assertThatThrownBy(() -> Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(new TwilioProvider())
                .property("comms.twilio.auth-token", TwilioStub.TOKEN).build())
                .isInstanceOfSatisfying(CommsConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("comms.twilio.account-sid");
                    assertThat(e.getMessage()).doesNotContain(TwilioStub.TOKEN);
                });
    }

    @Test
    void throughTheFacadeAnAmbiguous503IsNotRetried() {
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(new TwilioProvider())
                .property("comms.twilio.account-sid", TwilioStub.SID).property("comms.twilio.auth-token", TwilioStub.TOKEN)
                .property("comms.twilio.base-url", stub.baseUrl()).property("comms.sms.from", "+14155552671").build()) {
            stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
            SmsReceipt r = comms.sms().send(Sms.to("+447123456789").body("hello").build());
            assertThat(r.provider()).isEqualTo("twilio");
            assertThat(r.providerMessageId()).startsWith("SM");
            stub.arrange("/2010-04-01/Accounts/.*/Messages.json", Scenario.SERVER_ERROR, 201, TwilioStub.MESSAGE);
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("hello again").build()))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
            assertThat(stub.requests()).as("a 5xx from Twilio may have sent: never retried").isEqualTo(1);
        }
    }
}
