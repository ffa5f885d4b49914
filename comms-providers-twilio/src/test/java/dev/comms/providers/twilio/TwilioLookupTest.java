package dev.comms.providers.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.comms.Channel;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.spi.LookupResult;
import dev.comms.spi.OutcomeLookup;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SentQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outcome lookups of ambiguous sends, on the real Twilio SDK against the stub: what is matched, when
 * "not accepted" may be said, that a lookup only reads, and how its failures are classified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwilioLookupTest {
    static final Instant FIRST = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant LAST = FIRST.plusSeconds(12);
    static final String TO = "+447123456789";
    static final String MESSAGES = "/2010-04-01/Accounts/" + TwilioStub.SID + "/Messages.json";
    static final String CALLS = "/2010-04-01/Accounts/" + TwilioStub.SID + "/Calls.json";

    final TwilioStub stub = new TwilioStub();

    @AfterAll
    void stop() {
        stub.close();
    }

    /** The SMS channel as the reconciler sees it, on a clock {@code after} past the last attempt. */
    OutcomeLookup sms(Duration after) {
        return (OutcomeLookup) new TwilioProvider().smsSender(stub.context(Map.of(), Clock.fixed(LAST.plus(after), ZoneOffset.UTC)));
    }

    OutcomeLookup voice(Duration after) {
        return (OutcomeLookup) new TwilioProvider().voiceCaller(stub.context(Map.of(), Clock.fixed(LAST.plus(after), ZoneOffset.UTC)));
    }

    static SentQuery query(Channel channel, String content) {
        return new SentQuery("twilio", channel, "msg_1", "key_1", TO, SentQuery.sha256(content), FIRST, LAST);
    }

    void listMessages(String... items) {
        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(TwilioStub.json(200, TwilioStub.page("messages", MESSAGES, null, items))));
    }

    void listCalls(String... items) {
        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo(CALLS)).willReturn(TwilioStub.json(200, TwilioStub.page("calls", CALLS, null, items))));
    }

    static void close(OutcomeLookup lookup) {
        ((ProviderChannel) lookup).close();
    }

    List<LoggedRequest> requests() {
        return stub.server.findAll(anyRequestedFor(anyUrl()));
    }

    @Test
    void anSmsIsFoundByItsBodyInTheWindowAndOnlyRead() {
        OutcomeLookup lookup = sms(Duration.ofMinutes(1));
        try {
            listMessages(
                    TwilioStub.listedMessage("SM0000000000000000000000000000000a", TO, "Your code is 111111", "outbound-api", FIRST.plusSeconds(3)),
                    TwilioStub.listedMessage("SM0000000000000000000000000000000b", TO, "Your code is 123456", "outbound-api",
                            FIRST.minus(Duration.ofMinutes(30))),
                    TwilioStub.listedMessage("SM0000000000000000000000000000000c", TO, "Your code is 123456", "outbound-api", FIRST.plusSeconds(4)));
            assertThat(lookup.lookup(query(Channel.SMS, "Your code is 123456")))
                    .isEqualTo(new LookupResult.Accepted("SM0000000000000000000000000000000c"));
            assertThat(requests()).singleElement().satisfies(r -> {
                assertThat(r.getMethod().getName()).isEqualTo("GET");
                assertThat(r.queryParameter("To").firstValue()).isEqualTo(TO);
                assertThat(r.getHeader("Authorization")).startsWith("Basic ");
            });
        } finally {
            close(lookup);
        }
    }

    @Test
    void anSmsOutsideTheWindowOrWithAnotherBodyIsNotThisSend() {
        String[] others = {
                TwilioStub.listedMessage("SM0000000000000000000000000000000d", TO, "Your code is 123456", "outbound-api",
                        FIRST.minus(Duration.ofMinutes(2))),
                TwilioStub.listedMessage("SM0000000000000000000000000000000e", TO, "Your code is 123456", "outbound-api",
                        LAST.plus(Duration.ofMinutes(6))),
                TwilioStub.listedMessage("SM0000000000000000000000000000000f", TO, "Your code is 654321", "outbound-api", FIRST.plusSeconds(2)),
                TwilioStub.listedMessage("SM00000000000000000000000000000010", TO, "Your code is 123456", "inbound", FIRST.plusSeconds(2))};
        OutcomeLookup early = sms(Duration.ofMinutes(2));
        OutcomeLookup late = sms(Duration.ofMinutes(6));
        try {
            listMessages(others);
            assertThat(early.lookup(query(Channel.SMS, "Your code is 123456"))).as("the window is still open: Twilio may list it later")
                    .isInstanceOf(LookupResult.Unknown.class);
            assertThat(late.lookup(query(Channel.SMS, "Your code is 123456"))).as("the window has closed with no match")
                    .isEqualTo(new LookupResult.NotAccepted());
            listMessages();
            assertThat(late.lookup(query(Channel.SMS, "Your code is 123456"))).isEqualTo(new LookupResult.NotAccepted());
            assertThat(requests()).allSatisfy(r -> assertThat(r.getMethod().getName()).isEqualTo("GET"));
        } finally {
            close(early);
            close(late);
        }
    }

    @Test
    void anSmsOnTheSecondPageIsFoundThroughTheBaseUrl() {
        OutcomeLookup lookup = sms(Duration.ofMinutes(1));
        try {
            stub.server.resetAll();
            String next = MESSAGES + "?To=%2B447123456789&PageSize=100&Page=1&PageToken=PA123";
            stub.server.stubFor(get(urlPathEqualTo(MESSAGES)).atPriority(5).willReturn(TwilioStub.json(200, TwilioStub.page("messages", MESSAGES,
                    next, TwilioStub.listedMessage("SM00000000000000000000000000000011", TO, "other", "outbound-api", FIRST)))));
            stub.server.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("PageToken", equalTo("PA123")).atPriority(1)
                    .willReturn(TwilioStub.json(200, TwilioStub.page("messages", next, null,
                            TwilioStub.listedMessage("SM00000000000000000000000000000012", TO, "Hello", "outbound-api", FIRST.plusSeconds(1))))));
            assertThat(lookup.lookup(query(Channel.SMS, "Hello"))).isEqualTo(new LookupResult.Accepted("SM00000000000000000000000000000012"));
            assertThat(requests()).hasSize(2);
        } finally {
            close(lookup);
        }
    }

    @Test
    void oneOutboundCallInTheWindowIsThisSendTwoCannotBeToldApart() {
        OutcomeLookup lookup = voice(Duration.ofMinutes(1));
        OutcomeLookup late = voice(Duration.ofMinutes(6));
        try {
            listCalls(TwilioStub.listedCall("CA0000000000000000000000000000000a", TO, "outbound-api", FIRST.plusSeconds(5)),
                    TwilioStub.listedCall("CA0000000000000000000000000000000b", TO, "inbound", FIRST.plusSeconds(5)),
                    TwilioStub.listedCall("CA0000000000000000000000000000000c", TO, "outbound-api", FIRST.minus(Duration.ofHours(1))));
            assertThat(lookup.lookup(query(Channel.VOICE, "Hello"))).isEqualTo(new LookupResult.Accepted("CA0000000000000000000000000000000a"));
            assertThat(requests()).singleElement().satisfies(r -> {
                assertThat(r.getUrl()).startsWith(CALLS);
                assertThat(r.getMethod().getName()).isEqualTo("GET");
                assertThat(r.queryParameter("To").firstValue()).isEqualTo(TO);
            });
            listCalls(TwilioStub.listedCall("CA0000000000000000000000000000000d", TO, "outbound-api", FIRST.plusSeconds(5)),
                    TwilioStub.listedCall("CA0000000000000000000000000000000e", TO, "outbound-api", FIRST.plusSeconds(9)));
            assertThat(late.lookup(query(Channel.VOICE, "Hello"))).isInstanceOfSatisfying(LookupResult.Unknown.class,
                    u -> assertThat(u.reason()).contains("2 calls"));
            listCalls();
            assertThat(lookup.lookup(query(Channel.VOICE, "Hello"))).isInstanceOf(LookupResult.Unknown.class);
            assertThat(late.lookup(query(Channel.VOICE, "Hello"))).isEqualTo(new LookupResult.NotAccepted());
        } finally {
            close(lookup);
            close(late);
        }
    }

    @Test
    void aFailedLookupIsAProviderExceptionAndLeavesTheAnswerOpen() {
        OutcomeLookup lookup = sms(Duration.ofMinutes(10));
        try {
            stub.server.resetAll();
            stub.server.stubFor(any(anyUrl()).willReturn(TwilioStub.json(503, "{\"code\":20500,\"message\":\"Unavailable\",\"status\":503}")));
            ProviderException down = catchThrowableOfType(ProviderException.class, () -> lookup.lookup(query(Channel.SMS, "x")));
            assertThat(down.failureClass()).as("a read can simply be asked again").isEqualTo(FailureClass.NOT_SENT);
            assertThat(down.httpStatus()).isEqualTo(503);
            stub.server.resetAll();
            stub.server.stubFor(any(anyUrl()).willReturn(TwilioStub.json(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")));
            ProviderException auth = catchThrowableOfType(ProviderException.class, () -> lookup.lookup(query(Channel.SMS, "x")));
            assertThat(auth.failureClass()).isEqualTo(FailureClass.PERMANENT);
            assertThat(auth.providerCode()).contains("20003");
            OutcomeLookup refused = (OutcomeLookup) new TwilioProvider().voiceCaller(TwilioStub.context(TwilioStub.closedPortUrl()));
            try {
                assertThat(catchThrowableOfType(ProviderException.class, () -> refused.lookup(query(Channel.VOICE, "x"))).failureClass())
                        .isEqualTo(FailureClass.NOT_SENT);
            } finally {
                close(refused);
            }
        } finally {
            close(lookup);
        }
    }
}
