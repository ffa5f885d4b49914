package dev.comms.providers.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.comms.CommsConfigurationException;
import dev.comms.FailureClass;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.Sms;
import dev.comms.VoiceCall;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsSender;
import dev.comms.spi.VoiceCaller;
import dev.comms.testkit.ProviderContexts;
import dev.comms.testkit.contract.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The custom HTTP layer: one request per attempt, timeouts, base URL, one client per provider, secrets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(20)
class TwilioHttpClientTest {
    static final String MESSAGES = "/2010-04-01/Accounts/.*/Messages.json";

    final TwilioStub stub = new TwilioStub();
    final TwilioProvider provider = new TwilioProvider();
    final SmsSender sms = provider.smsSender(stub.context());

    @AfterAll
    void stop() {
        sms.close();
        stub.close();
    }

    static Sms sample() {
        return Sms.to("+447123456789").from("+14155552671").body("hello").build();
    }

    @Test
    void a503IsOneRequestAndAmbiguousEvenWithRetryAfter() {
        stub.server.resetAll();
        // Apache's default strategy would retry a 503 carrying Retry-After, the SDK's reliableRequest any 5xx
        stub.server.stubFor(post(urlPathMatching(MESSAGES)).willReturn(TwilioStub.json(503,
                "{\"code\":20500,\"message\":\"Service Unavailable\",\"status\":503}").withHeader("Retry-After", "1")));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sms.send(sample(), SendContext.of("a")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.providerCode()).contains("20500");
        assertThat(stub.requests()).as("the SDK's and Apache's retries must be off").isEqualTo(1);
    }

    @Test
    void a429IsOneRequestNotSentWithRetryAfter() {
        stub.arrange(MESSAGES, Scenario.RATE_LIMITED, 201, TwilioStub.MESSAGE);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sms.send(sample(), SendContext.of("b")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.providerCode()).contains("20429");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(stub.requests()).isEqualTo(1);
    }

    @Test
    void aTwilio20429WithoutHttp429IsStillNotSent() {
        stub.server.resetAll();
        stub.server.stubFor(post(urlPathMatching(MESSAGES)).willReturn(TwilioStub.json(400,
                "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":400}")));
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> sms.send(sample(), SendContext.of("c")));
        assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
        assertThat(e.providerCode()).contains("20429");
    }

    @Test
    void withoutOurOverridesTheSdkRetriesA503() {
        // the control: the same stub and SDK call through a plain NetworkHttpClient send more than once
        stub.arrange(MESSAGES, Scenario.SERVER_ERROR, 201, TwilioStub.MESSAGE);
        String base = stub.baseUrl();
        NetworkHttpClient plain = new NetworkHttpClient(HttpClientBuilder.create().disableAutomaticRetries()) {
            @Override
            public Response makeRequest(Request r) {
                Request copy = new Request(r.getMethod(), base + java.net.URI.create(r.getUrl()).getPath());
                r.getPostParams().forEach((k, vs) -> vs.forEach(v -> copy.addPostParam(k, v)));
                copy.setAuth(r.getUsername(), r.getPassword());
                copy.setContentType(r.getContentType());
                return super.makeRequest(copy);
            }
        };
        TwilioRestClient client = new TwilioRestClient.Builder(TwilioStub.SID, TwilioStub.TOKEN).httpClient(plain).build();
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("+447123456789"), new PhoneNumber("+14155552671"), "x").create(client))
                .isInstanceOf(ApiException.class);
        assertThat(stub.requests()).isEqualTo(3);
    }

    @Test
    void theAttemptBudgetCapsTheReadTimeout() {
        Map<String, String> settings = new HashMap<>(Map.of("comms.twilio.account-sid", TwilioStub.SID,
                "comms.twilio.auth-token", TwilioStub.TOKEN, "comms.twilio.base-url", stub.baseUrl(), "comms.twilio.timeout", "8s"));
        SmsSender slowTolerant = new TwilioProvider().smsSender(ProviderContexts.of("twilio", settings));
        try {
            stub.arrange(MESSAGES, Scenario.READ_TIMEOUT, 201, TwilioStub.MESSAGE);
            long start = System.nanoTime();
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> slowTolerant.send(sample(),
                    new SendContext("m", "m", "default", Mode.LIVE, 1, Duration.ofSeconds(1))));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            assertThat(e.getMessage()).contains("may have been accepted");
            assertThat(tookMillis).as("1 s attempt budget, not the 8 s read timeout nor the stub's 3 s delay").isLessThan(2900);
            assertThat(stub.requests()).isEqualTo(1);
        } finally {
            slowTolerant.close();
        }
    }

    @Test
    void aBaseUrlWithAPathPrefixIsKept() {
        Map<String, String> settings = Map.of("comms.twilio.account-sid", TwilioStub.SID, "comms.twilio.auth-token", TwilioStub.TOKEN,
                "comms.twilio.base-url", stub.baseUrl() + "/proxy/twilio/");
        SmsSender proxied = new TwilioProvider().smsSender(ProviderContexts.of("twilio", settings));
        try {
            stub.arrange("/proxy/twilio" + MESSAGES, Scenario.ACCEPTED, 201, TwilioStub.MESSAGE);
            assertThat(proxied.send(sample(), SendContext.of("p")).providerMessageId()).startsWith("SM");
            assertThat(stub.server.findAll(anyRequestedFor(anyUrl())).get(0).getUrl())
                    .isEqualTo("/proxy/twilio/2010-04-01/Accounts/" + TwilioStub.SID + "/Messages.json");
        } finally {
            proxied.close();
        }
    }

    @Test
    void smsAndVoiceShareOneClientUntilBothAreClosed() {
        TwilioProvider p = new TwilioProvider();
        TwilioSms s = (TwilioSms) p.smsSender(stub.context());
        TwilioVoice v = (TwilioVoice) p.voiceCaller(stub.context());
        TwilioProvider.Connection shared = p.connection(stub.context());
        assertThat(s.connection()).isSameAs(v.connection()).isSameAs(shared);
        shared.release();
        s.close();
        s.close(); // a second close must not release the voice caller's share
        stub.arrange("/2010-04-01/Accounts/.*/Calls.json", Scenario.ACCEPTED, 201, TwilioStub.CALL);
        assertThat(v.call(VoiceCall.to("+447123456789").from("+14155552671").say("Hi").build(), SendContext.of("v"))
                .providerCallId()).startsWith("CA");
        v.close();
        // all closed: the next channel gets a fresh client
        TwilioSms again = (TwilioSms) p.smsSender(stub.context());
        assertThat(again.connection()).isNotSameAs(shared);
        again.close();
        // other settings, other client
        TwilioSms other = (TwilioSms) p.smsSender(TwilioStub.context(stub.baseUrl() + "/other"));
        TwilioSms same = (TwilioSms) p.smsSender(stub.context());
        assertThat(other.connection()).isNotSameAs(same.connection());
        other.close();
        same.close();
    }

    @Test
    void theAuthTokenAppearsInNoStringAndNoExceptionMessage() {
        String basic = Base64.getEncoder().encodeToString((TwilioStub.SID + ":" + TwilioStub.TOKEN).getBytes(StandardCharsets.UTF_8));
        VoiceCaller voice = provider.voiceCaller(stub.context());
        try {
            List<String> strings = new java.util.ArrayList<>(List.of(provider.toString(), sms.toString(), voice.toString(),
                    provider.connection(stub.context()).toString(), TwilioProvider.Settings.of(stub.context()).toString()));
            provider.connection(stub.context()).release();
            for (Scenario s : List.of(Scenario.REJECTED, Scenario.UNAUTHORIZED, Scenario.SERVER_ERROR, Scenario.HTML_ERROR,
                    Scenario.EMPTY_ERROR, Scenario.RATE_LIMITED)) {
                stub.arrange(MESSAGES, s, 201, TwilioStub.MESSAGE);
                ProviderException e = catchThrowableOfType(ProviderException.class, () -> sms.send(sample(), SendContext.of("s")));
                for (Throwable t = e; t != null; t = t.getCause()) {
                    strings.add(String.valueOf(t.getMessage()));
                    strings.add(t.toString());
                }
            }
            assertThat(strings).hasSizeGreaterThan(10).allSatisfy(s -> assertThat(s).doesNotContain(TwilioStub.TOKEN, basic));
        } finally {
            voice.close();
        }
    }

    @Test
    void aMissingAccountSidIsAConfigurationError() {
        TwilioProvider p = new TwilioProvider();
        assertThatThrownBy(() -> p.smsSender(ProviderContexts.of("twilio", Map.of("comms.twilio.auth-token", TwilioStub.TOKEN))))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.account-sid")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TwilioStub.TOKEN));
        assertThatThrownBy(() -> p.voiceCaller(ProviderContexts.of("twilio", Map.of("comms.twilio.account-sid", TwilioStub.SID,
                "comms.twilio.auth-token", TwilioStub.TOKEN, "comms.twilio.base-url", "not a url"))))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.base-url");
        assertThat(p.configKeys()).filteredOn(k -> k.name().equals("comms.twilio.account-sid")).singleElement()
                .satisfies(k -> assertThat(k.isRequired()).isTrue());
    }

    @Test
    void plainHttpToANetworkHostIsRefusedNamingTheSetting() {
        // the auth token travels as Basic auth on every request: never over plain http beyond this machine
        assertThatThrownBy(() -> new TwilioProvider().smsSender(TwilioStub.context("http://api.twilio.example")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.base-url")
                .hasMessageContaining("https").satisfies(e -> assertThat(e.getMessage()).doesNotContain(TwilioStub.TOKEN));
        assertThatThrownBy(() -> new TwilioProvider().voiceCaller(TwilioStub.context("http://10.0.0.7:8080")))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.twilio.base-url");
        SmsSender secure = new TwilioProvider().smsSender(TwilioStub.context("https://api.twilio.example/"));
        secure.close();
    }

    @Test
    void noPooledConnectionInTimeIsNotSentAndNothingReachesTwilio() throws Exception {
        // one connection, held by a slow send; the second send waits for it longer than the lease timeout
        SmsSender pooled = new TwilioProvider().smsSender(stub.context(Map.of("comms.twilio.max-connections", "1",
                "comms.twilio.connect-timeout", "300ms", "comms.twilio.timeout", "10s"), java.time.Clock.systemUTC()));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            stub.server.resetAll();
            stub.server.stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(containing("To=%2B447123456781"))
                    .willReturn(TwilioStub.json(201, TwilioStub.MESSAGE).withFixedDelay(2500)));
            stub.server.stubFor(post(urlPathMatching(MESSAGES)).withRequestBody(containing("To=%2B447123456782"))
                    .willReturn(TwilioStub.json(201, TwilioStub.MESSAGE)));
            Future<?> slow = other.submit(() -> pooled.send(Sms.to("+447123456781").from("+14155552671").body("slow").build(),
                    new SendContext("slow", "slow", "default", Mode.LIVE, 1, Duration.ofSeconds(10))));
            while (stub.server.getAllServeEvents().isEmpty()) {
                Thread.sleep(10); // until the slow request holds the only connection
            }
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> pooled.send(Sms.to("+447123456782")
                    .from("+14155552671").body("waits").build(), new SendContext("w", "w", "default", Mode.LIVE, 1, Duration.ofSeconds(10))));
            assertThat(e.failureClass()).as("no connection was ever leased: nothing was written").isEqualTo(FailureClass.NOT_SENT);
            assertThat(e.getMessage()).contains("never written");
            assertThat(e.httpStatus()).isZero();
            slow.get();
            assertThat(stub.server.findAll(postRequestedFor(urlPathMatching(MESSAGES)).withRequestBody(containing("To=%2B447123456782"))))
                    .as("requests of the send that never got a connection").isEmpty();
            assertThat(stub.requests()).isEqualTo(1);
        } finally {
            other.shutdownNow();
            pooled.close();
        }
    }

    @Test
    void refusedConnectionIsNotSentAndCarriesNoStatus() {
        SmsSender refused = new TwilioProvider().smsSender(TwilioStub.context(TwilioStub.closedPortUrl()));
        try {
            ProviderException e = catchThrowableOfType(ProviderException.class, () -> refused.send(sample(), SendContext.of("r")));
            assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
            assertThat(e.httpStatus()).isZero();
            assertThat(e.getMessage()).contains("could not connect");
        } finally {
            refused.close();
        }
    }
}
